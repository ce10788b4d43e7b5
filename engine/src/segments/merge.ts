/**
 * Segment membership after two profiles became one person (api identity/merge.ts), inside the
 * merge transaction. The merged profile becomes a pointer, never a member: its memberships are
 * taken over by the surviving profile, so the person's membership before the merge is the union
 * of both. Then every segment is re-evaluated for the survivor on the combined facts, and the
 * differences with that union are recorded like any other change (`$segment_entered/exited`,
 * sizes, the hourly sample). A segment either profile was already in is no new entry: the
 * journeys it started moved over with the enrolments.
 */
import type { Tx } from './catalog.js';
import { loadSegments } from './catalog.js';
import { updateCustomerSegments, type UpdateResult } from './update.js';

/**
 * After two customers merged: the survivor takes over both memberships, every segment is re-evaluated for
 * it, and the differences are recorded as entries and exits.
 */
export async function segmentsAfterMerge(tx: Tx, sourceId: string, targetId: string, now: number): Promise<UpdateResult> {
  const rows = await tx.$queryRaw<Array<{ segmentId: string; customerId: string }>>`
    SELECT "segmentId", "customerId" FROM "SegmentMember" WHERE "customerId" IN (${sourceId}, ${targetId})`;
  const targets = new Set(rows.filter((r) => r.customerId === targetId).map((r) => r.segmentId));
  // Both were in it: two rows were one person, the size is one lower.
  const doubled = rows.filter((r) => r.customerId === sourceId && targets.has(r.segmentId)).map((r) => r.segmentId);
  // Memberships only the source had move to the target (size unchanged).
  await tx.$executeRaw`
    INSERT INTO "SegmentMember" ("segmentId", "customerId", since)
    SELECT "segmentId", ${targetId}, since FROM "SegmentMember" WHERE "customerId" = ${sourceId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM "SegmentMember" WHERE "customerId" = ${sourceId}`;
  if (doubled.length) {
    await tx.$executeRaw`
      WITH u AS (UPDATE "Segment" s SET size = GREATEST(0, s.size - 1) WHERE s.id = ANY(${doubled}::text[]) RETURNING s.id, s.size)
      INSERT INTO "SegmentSize" ("segmentId", at, size) SELECT id, date_trunc('hour', now()), size FROM u
      ON CONFLICT ("segmentId", at) DO UPDATE SET size = EXCLUDED.size`;
  }
  if (!(await loadSegments(tx)).length) return { changes: [], rows: [] };
  return updateCustomerSegments(tx, targetId, { events: [], attributes: [], newCustomer: true }, new Date(now), now, `merge:${sourceId}:${targetId}`);
}
