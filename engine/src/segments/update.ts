/**
 * The incremental update: after one ingested call, re-evaluate only the segments it can affect
 * for that one customer (graph.ts affectedSegments), and record the entries and exits. Runs in
 * the ingest transaction, under the customer's row lock, so two calls for one customer never
 * race and a failed write leaves no half-updated membership.
 */
import type { EventRow } from '@cairn/db';
import { loadSegments, type Tx } from './catalog.js';
import { evaluateSegment } from '@cairn/core/internal/segments/evaluate';
import { loadFacts } from './facts.js';
import { affectedSegments, depsOf, type CustomerChange } from '@cairn/core/internal/segments/graph';
import { writeChanges, type MembershipChange } from './write.js';

/** What one customer's incremental segment update changed, and the segment events it wrote. */
export interface UpdateResult {
  changes: MembershipChange[];
  /** The `$segment_entered` / `$segment_exited` rows written (to route to journeys). */
  rows: EventRow[];
}

/**
 * Re-evaluates, for one customer, only the segments a change can affect; writes entries and exits with
 * their `$segment_entered`/`$segment_exited` events in the caller's transaction.
 */
export async function updateCustomerSegments(db: Tx, customerId: string, change: CustomerChange, at: Date, now: number, messageId: string): Promise<UpdateResult> {
  const segments = await loadSegments(db);
  if (!segments.length) return { changes: [], rows: [] };
  const affected = affectedSegments(segments, change);
  if (!affected.length) return { changes: [], rows: [] };
  const events = new Set<string>();
  let policy = false, seen = false;
  for (const s of affected) {
    const d = depsOf(s.definition);
    for (const e of d.events) events.add(e);
    policy ||= d.policy;
    seen ||= d.seen;
  }
  const facts = (await loadFacts(db, [customerId], { events, policy, seen }, now)).get(customerId)!;
  const memberOf = facts.memberOf as Set<string>;
  const changes: MembershipChange[] = [];
  // In evaluation order, so a segment that references another sees its fresh membership.
  for (const s of affected) {
    const was = memberOf.has(s.id);
    const is = evaluateSegment(s.definition, facts);
    if (was === is) continue;
    if (is) memberOf.add(s.id);
    else memberOf.delete(s.id);
    changes.push({ segmentId: s.id, segmentName: s.name, customerId, entered: is });
  }
  const rows = await writeChanges(db, changes, at, 'event', (c) => `${messageId}#segment:${c.segmentId}:${c.entered ? 'entered' : 'exited'}`);
  return { changes, rows };
}
