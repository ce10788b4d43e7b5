/**
 * Two entries of one person into a once-only journey (entry "once"), made before two profiles
 * were known to be one: after the merge the person keeps the earlier entry and the later one
 * ends with exit reason "merged". Decided inside the merge transaction (only journeys where both
 * profiles had an entry, by the live version's entry rule); each ended entry is recorded
 * (CustomerMergeItem "ended") and its run is told after the commit, through the same control
 * path as removing a customer (tell.ts: the `remove` signal), so the run records its own exit.
 * An entry that already finished is left as it is: it happened.
 */
import type { Prisma } from '@cairn/db';

export interface EndedEntry {
  enrolmentId: string;
  journeyId: string;
  workflowId: string;
}

/** The exit reason of an entry ended because it doubled an earlier one of the same person. */
export const MERGED_EXIT = 'merged';

export async function endDuplicateOnceEntries(tx: Prisma.TransactionClient, customerId: string, mergeId: string): Promise<EndedEntry[]> {
  const ended = await tx.$queryRaw<EndedEntry[]>`
    WITH mine AS (
      SELECT e.id, e."journeyId", e."workflowId", e.status,
             EXISTS (SELECT 1 FROM "CustomerMergeItem" i WHERE i."mergeId" = ${mergeId} AND i.kind = 'enrolment' AND i."itemId" = e.id) AS moved,
             row_number() OVER (PARTITION BY e."journeyId" ORDER BY e."enteredAt", e.entry) AS n
        FROM "Enrolment" e WHERE e."customerId" = ${customerId}
    ), once AS (
      SELECT j.id FROM "Journey" j JOIN "JourneyVersion" v ON v."journeyId" = j.id AND v.version = j."liveVersion"
       WHERE COALESCE(v.definition #>> '{settings,entry,mode}', 'once') = 'once'
    ), both_sides AS (
      SELECT "journeyId" FROM mine GROUP BY "journeyId" HAVING bool_or(moved) AND bool_or(NOT moved)
    )
    SELECT m.id AS "enrolmentId", m."journeyId", m."workflowId" FROM mine m
     WHERE m.n > 1 AND m.status IN ('active', 'waiting')
       AND m."journeyId" IN (SELECT id FROM once) AND m."journeyId" IN (SELECT "journeyId" FROM both_sides)
     ORDER BY m."journeyId", m.n`;
  for (const e of ended) await tx.customerMergeItem.create({ data: { mergeId, kind: 'ended', itemId: e.enrolmentId } });
  return ended;
}
