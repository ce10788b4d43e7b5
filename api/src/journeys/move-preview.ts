/**
 * The preview of publishing with "move waiting customers": every customer running the live
 * version is simulated under the new one (engine simulate/move.ts: placed as the move places
 * them, then the new version's compiled machine until their next wait or exit), with their own
 * attributes, segments, event history and delivery policy (suppressions, consent, caps, quiet
 * hours), read from the records in pages. Nothing is changed.
 */
import type { Db } from '@cairn/db';
import {
  compile,
  groupMoveFates,
  HISTORY_LIMIT,
  historyNeeds,
  longestCapWindowMs,
  parseJourney,
  resolveNodeMap,
  simulateMove,
  type Channel,
  type ConsentRecord,
  type CustomerEvent,
  type MoveGroup,
  type NodeMap,
  type PolicySettings,
  type Suppression,
  type WaitingCustomer,
} from '@cairn/core';
import { loadPolicySettings, suppressionOf } from '@cairn/engine/runtime';
import { TRPCError } from '@trpc/server';
import { requireJourney } from './lifecycle.js';

export interface MovePreview {
  liveVersion: number;
  /** Customers running the live version now. */
  total: number;
  /** Sentences, the largest group first (engine groupMoveFates). */
  groups: MoveGroup[];
  /** Problems of the node map (a choice naming a missing step…): publishing with it is refused. */
  problems: string[];
  /** Waits of the live version with no step in the new one and no choice: their customers stay. */
  unmapped: string[];
}

/** Customers simulated per page (one read of each kind per page). */
const PAGE = 500;
const WAITING_UNTIL = /waiting until (\S+)/;

export async function previewMove(db: Db, journeyId: string, draft: unknown, choices: NodeMap, now: number): Promise<MovePreview> {
  const journey = await requireJourney(db, journeyId);
  if (journey.liveVersion === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'nothing is live yet: there is nobody to move' });
  const live = await db.journeyVersion.findUniqueOrThrow({ where: { journeyId_version: { journeyId, version: journey.liveVersion } } });
  const from = parseJourney(live.definition);
  const to = parseJourney(draft ?? journey.draft);
  if (!from.ok) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `live version ${journey.liveVersion} cannot be read` });
  if (!to.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: `the draft cannot be read: ${to.problems.map((p) => p.message).join('; ')}` });
  const resolved = resolveNodeMap(from.journey, to.journey, choices);
  const compiled = compile(to.journey);
  const needs = historyNeeds(to.journey);
  const settings = await loadPolicySettings(db);
  const capWindow = longestCapWindowMs(settings);

  const fates: Parameters<typeof groupMoveFates>[2][number][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.enrolment.findMany({
      where: { journeyId, version: journey.liveVersion, status: { in: ['active', 'waiting'] } },
      select: { id: true, customerId: true, currentNodeId: true, enteredAt: true },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    cursor = page.at(-1)!.id;
    const customers = await waitingCustomers(db, page, { needs, capWindow, now, settings });
    for (const c of customers) fates.push({ customerId: c.id, at: c.at, fate: simulateMove(from.journey, compiled, resolved.map, c, now) });
    if (page.length < PAGE) break;
  }
  return {
    liveVersion: journey.liveVersion,
    total: fates.length,
    groups: groupMoveFates(from.journey, to.journey, fates, journey.liveVersion),
    problems: resolved.problems.map((p) => p.message),
    unmapped: resolved.unmapped.map((u) => u.nodeId),
  };
}

type Row = { id: string; customerId: string; currentNodeId: string | null; enteredAt: Date };

/** One page of running customers as the simulator needs them, in one read of each kind. */
async function waitingCustomers(db: Db, page: Row[], o: { needs: string[]; capWindow: number; now: number; settings: PolicySettings }): Promise<WaitingCustomer[]> {
  const ids = [...new Set(page.map((e) => e.customerId))];
  const [customers, members, suppressions, consents, sends, steps, events] = await Promise.all([
    db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, attributes: true, timeZone: true } }),
    db.segmentMember.findMany({ where: { customerId: { in: ids } }, select: { customerId: true, segmentId: true }, orderBy: { segmentId: 'asc' } }),
    db.suppression.findMany({ where: { customerId: { in: ids }, removedAt: null }, select: { customerId: true, channel: true, reason: true, hard: true, source: true, createdAt: true } }),
    db.consent.findMany({ where: { customerId: { in: ids } }, select: { customerId: true, topic: true, channel: true, status: true, source: true, createdAt: true }, orderBy: { createdAt: 'asc' } }),
    o.capWindow > 0
      ? db.message.findMany({
          where: { customerId: { in: ids }, transactional: false, status: 'sent', sentAt: { gt: new Date(o.now - o.capWindow) } },
          select: { customerId: true, sentAt: true, channel: true, topic: true },
        })
      : Promise.resolve([]),
    // The deadline of the wait each is in: the workflow records it when they enter the wait.
    db.$queryRaw<Array<{ enrolmentId: string; reason: string }>>`
      SELECT DISTINCT ON (n."enrolmentId") n."enrolmentId", n.reason
        FROM "NodeEvent" n JOIN "Enrolment" e ON e.id = n."enrolmentId"
       WHERE n."enrolmentId" = ANY(${page.map((e) => e.id)}) AND n.kind = 'entered' AND n."nodeId" = e."currentNodeId"
       ORDER BY n."enrolmentId", n.seq DESC`,
    o.needs.length > 0
      ? db.$queryRaw<Array<{ customerId: string; name: string; timestamp: Date; properties: unknown }>>`
          SELECT "customerId", name, timestamp, properties FROM (
            SELECT "customerId", name, timestamp, properties,
                   row_number() OVER (PARTITION BY "customerId" ORDER BY timestamp DESC) AS k
              FROM "Event" WHERE "customerId" = ANY(${ids}) AND name = ANY(${o.needs})) h
           WHERE k <= ${HISTORY_LIMIT} ORDER BY timestamp ASC`
      : Promise.resolve([]),
  ]);
  const byCustomer = <T extends { customerId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.customerId, [...(m.get(r.customerId) ?? []), r]);
    return m;
  };
  const profiles = new Map(customers.map((c) => [c.id, c]));
  const segs = byCustomer(members);
  const sup = byCustomer(suppressions);
  const con = byCustomer(consents);
  const sent = byCustomer(sends);
  const hist = byCustomer(events);
  const deadlines = new Map(steps.map((s) => [s.enrolmentId, WAITING_UNTIL.exec(s.reason)?.[1]]));

  return page.map((e) => {
    const c = profiles.get(e.customerId);
    const attributes = c && typeof c.attributes === 'object' && c.attributes !== null && !Array.isArray(c.attributes) ? (c.attributes as Record<string, unknown>) : {};
    const until = deadlines.get(e.id);
    const deadline = until ? Date.parse(until) : NaN;
    const suppressionsOf: Suppression[] = (sup.get(e.customerId) ?? []).map((r) => suppressionOf({ ...r, at: r.createdAt.getTime() }));
    const history: CustomerEvent[] = (hist.get(e.customerId) ?? []).map((h) => ({
      name: h.name,
      at: h.timestamp.getTime(),
      properties: typeof h.properties === 'object' && h.properties !== null && !Array.isArray(h.properties) ? (h.properties as Record<string, unknown>) : {},
    }));
    return {
      id: e.customerId,
      at: e.currentNodeId ?? '',
      enteredAt: e.enteredAt.getTime(),
      attributes,
      ...(c?.timeZone ? { timeZone: c.timeZone } : {}),
      segments: (segs.get(e.customerId) ?? []).map((s) => s.segmentId),
      history,
      ...(Number.isFinite(deadline) ? { deadline } : {}),
      suppressed: suppressionsOf.map((s) => s.channel),
      policy: {
        settings: o.settings,
        suppressions: suppressionsOf,
        consents: (con.get(e.customerId) ?? []).map((r): ConsentRecord => ({ topic: r.topic, channel: r.channel as ConsentRecord['channel'], status: r.status as ConsentRecord['status'], at: r.createdAt.getTime(), source: r.source })),
        recentSends: (sent.get(e.customerId) ?? []).map((r) => ({ at: r.sentAt?.getTime() ?? o.now, channel: r.channel as Channel, topic: r.topic })),
      },
    };
  });
}
