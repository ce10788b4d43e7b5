/**
 * Writes membership changes: the member rows, the segment's size and its hourly size sample, and
 * one `$segment_entered` / `$segment_exited` event per change on the customer. Shared by the
 * incremental update and the full recompute, so both record the same things.
 */
import type { Prisma } from '@cairn/db';
import type { EventRow } from '@cairn/db';
import type { Tx } from './catalog.js';
import { SEGMENT_ENTERED, SEGMENT_EXITED, type SegmentEventProperties } from '@cairn/core/internal/segments/events';

/** One customer entering or leaving one segment. */
export interface MembershipChange {
  segmentId: string;
  segmentName: string;
  customerId: string;
  entered: boolean;
}

/**
 * Applies `changes` and returns the event rows written (in the order of `changes`). `messageIdOf`
 * names each event row: children of the ingested call share its messageId as a prefix, so a
 * retried request finds them instead of writing them twice.
 */
export async function writeChanges(db: Tx, changes: readonly MembershipChange[], at: Date, via: SegmentEventProperties['via'], messageIdOf: (c: MembershipChange) => string): Promise<EventRow[]> {
  if (!changes.length) return [];
  const enter = changes.filter((c) => c.entered);
  const exit = changes.filter((c) => !c.entered);
  if (enter.length) {
    await db.$executeRaw`
      INSERT INTO "SegmentMember" ("segmentId", "customerId", since)
      SELECT * FROM unnest(${enter.map((c) => c.segmentId)}::text[], ${enter.map((c) => c.customerId)}::text[], ${enter.map(() => at)}::timestamp[])
      ON CONFLICT DO NOTHING`;
  }
  if (exit.length) {
    await db.$executeRaw`
      DELETE FROM "SegmentMember" m USING unnest(${exit.map((c) => c.segmentId)}::text[], ${exit.map((c) => c.customerId)}::text[]) AS x(s, c)
      WHERE m."segmentId" = x.s AND m."customerId" = x.c`;
  }
  const delta = new Map<string, number>();
  for (const c of changes) delta.set(c.segmentId, (delta.get(c.segmentId) ?? 0) + (c.entered ? 1 : -1));
  // Size and the hour's sample in one statement (the size chart reads SegmentSize).
  await db.$executeRaw`
    WITH d AS (SELECT * FROM unnest(${[...delta.keys()]}::text[], ${[...delta.values()]}::int[]) AS x(id, delta)),
         u AS (UPDATE "Segment" s SET size = GREATEST(0, s.size + d.delta) FROM d WHERE s.id = d.id RETURNING s.id, s.size)
    INSERT INTO "SegmentSize" ("segmentId", at, size) SELECT id, date_trunc('hour', now()), size FROM u
    ON CONFLICT ("segmentId", at) DO UPDATE SET size = EXCLUDED.size`;
  const rows = changes.map((c) => ({
    messageId: messageIdOf(c),
    customerId: c.customerId,
    type: 'segment',
    name: c.entered ? SEGMENT_ENTERED : SEGMENT_EXITED,
    properties: { segmentId: c.segmentId, segmentName: c.segmentName, via } satisfies SegmentEventProperties as Prisma.InputJsonObject,
    timestamp: at,
  }));
  // A row already there (a retried recompute) is skipped, and not routed twice.
  return db.event.createManyAndReturn({ data: rows, skipDuplicates: true });
}
