/**
 * The conversion a goal node records: when an enrolment's progress ends it with the reason
 * `goal`, the same bookkeeping call writes its Conversion row (no extra activity or round trip).
 * Once per enrolment: the unique enrolmentId makes a retried call, or a conversion already
 * observed from the goal event (api/src/results/observe.ts), a no-op.
 */
import type { Db, Prisma } from '@cairn/db';
import type { ProgressInput } from './types.js';

type Tx = Prisma.TransactionClient | Db;

/** Writes the goal node's conversion for `enrolmentId` when `input` ends the enrolment at a goal. */
export async function recordGoalConversion(tx: Tx, enrolmentId: string, input: ProgressInput): Promise<void> {
  if (input.exitReason !== 'goal' || !input.currentNodeId) return;
  const exit = input.steps.find((s) => s.kind === 'exited');
  const at = new Date(exit?.at ?? input.at).toISOString().slice(0, 23).replace('T', ' ');
  // The goal's event name comes from the version the customer runs; the last message is the last
  // one actually sent in this enrolment, the last node the last one the customer entered (goal
  // nodes are never entered: they listen at the root).
  await tx.$executeRaw`
    INSERT INTO "Conversion" (id, "enrolmentId", "journeyId", "versionId", version, "customerId", source, "goalNodeId", "goalEvent",
                              "convertedAt", "secondsToConvert", "lastMessageId", "lastNodeId")
    SELECT 'cv_' || md5(e.id), e.id, e."journeyId", e."versionId", e.version, e."customerId", 'goal-node', ${input.currentNodeId},
           (SELECT n->>'event' FROM jsonb_array_elements(v.definition->'nodes') n WHERE n->>'id' = ${input.currentNodeId} LIMIT 1),
           ${at}::timestamp(3),
           GREATEST(0, floor(extract(epoch FROM (${at}::timestamp(3) - e."enteredAt"))))::int,
           (SELECT m.id FROM "Message" m WHERE m."enrolmentId" = e.id AND m.status = 'sent' ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1),
           (SELECT ne."nodeId" FROM "NodeEvent" ne WHERE ne."enrolmentId" = e.id AND ne.kind = 'entered' ORDER BY ne.seq DESC LIMIT 1)
    FROM "Enrolment" e JOIN "JourneyVersion" v ON v.id = e."versionId"
    WHERE e.id = ${enrolmentId}
    ON CONFLICT ("enrolmentId") DO NOTHING`;
}
