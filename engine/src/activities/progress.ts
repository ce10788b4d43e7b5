/**
 * Records an enrolment's progress: its trace steps as NodeEvent rows (per-node counts are
 * aggregates of these) and where it stands on the Enrolment row. Idempotent: steps are keyed by
 * (enrolment, seq), so a retried call rewrites nothing.
 *
 * `writeProgress` runs inside a caller's transaction: the send path records the steps that led
 * to a message in the same transaction as its idempotency claim (one round trip, and the trace
 * and the message row commit or roll back together). `recordProgress` is the workflow's own
 * bookkeeping call (a local activity) for the moments no effect carries the steps: entering a
 * wait, a pause, the end.
 */
import type { Db, Prisma } from '@cairn/db';
import { recordGoalConversion } from './conversion.js';
import type { ProgressInput } from './types.js';

type Tx = Prisma.TransactionClient | Db;

/** Creates the enrolment row when the starter (ingest, a test) did not. */
async function createEnrolment(tx: Tx, input: ProgressInput): Promise<void> {
  const version = await tx.journeyVersion.findUnique({ where: { id: input.versionId }, select: { version: true } });
  // ON CONFLICT DO NOTHING, not a caught unique violation: a failed statement would abort the
  // caller's transaction. Created concurrently (ingest and the workflow racing): theirs stays.
  await tx.enrolment.createMany({
    skipDuplicates: true,
    data: [{
      workflowId: input.workflowId,
      journeyId: input.journeyId,
      versionId: input.versionId,
      version: version?.version ?? 0,
      customerId: input.customerId,
      entry: input.entry,
      triggerNodeId: input.triggerNodeId ?? null,
      enteredAt: new Date(input.steps[0]?.at ?? input.at),
    }],
  });
}

/**
 * One statement: moves the enrolment row and inserts the steps not yet written (ON CONFLICT on
 * (enrolment, seq) skips a retry's repeats). Returns the enrolment's id, or nothing when the row
 * does not exist yet. Timestamps are stored in UTC, as Prisma stores them.
 */
async function moveAndInsert(tx: Tx, input: ProgressInput): Promise<string | undefined> {
  const ended = input.status === 'completed' || input.status === 'exited';
  const steps = JSON.stringify(input.steps.map((s, i) => ({
    seq: input.fromSeq + i,
    nodeId: s.nodeId,
    kind: s.kind,
    output: s.output ?? null,
    status: s.status ?? null,
    reason: s.reason,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
    at: s.at,
  })));
  const utc = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    WITH e AS (
      UPDATE "Enrolment" SET
        "currentNodeId" = ${input.currentNodeId},
        -- A run moved to a newer version (move-version.ts) reports it: the row follows.
        "versionId" = ${input.versionId},
        "version" = CASE WHEN "versionId" = ${input.versionId} THEN "version"
          ELSE COALESCE((SELECT v.version FROM "JourneyVersion" v WHERE v.id = ${input.versionId}), "version") END,
        "status" = ${input.status}::"EnrolmentStatus",
        "exitReason" = CASE WHEN ${ended} THEN ${input.exitReason ?? null} ELSE "exitReason" END,
        "endedAt" = CASE WHEN ${ended} THEN ${utc(input.at)}::timestamp(3) ELSE "endedAt" END,
        "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE "workflowId" = ${input.workflowId}
      RETURNING id
    ), steps AS (
      INSERT INTO "NodeEvent" ("enrolmentId", "journeyId", "seq", "nodeId", "kind", "output", "status", "reason", "detail", "at", "version")
      SELECT e.id, ${input.journeyId}, s.seq, s."nodeId", s.kind::"NodeEventKind", s.output, s.status, s.reason, s.detail,
             (to_timestamp(s.at / 1000.0) AT TIME ZONE 'UTC')::timestamp(3),
             -- The run's version; the move's own step (flushed by the old run) belongs to the new one.
             CASE WHEN s.detail->>'movedFrom' IS NOT NULL THEN (s.detail->>'version')::int ELSE run.version END
      FROM e, jsonb_to_recordset(${steps}::jsonb) AS s(seq int, "nodeId" text, kind text, output text, status text, reason text, detail jsonb, at bigint)
      LEFT JOIN "JourneyVersion" run ON run.id = ${input.versionId}
      ON CONFLICT ("enrolmentId", "seq") DO NOTHING
    )
    SELECT id FROM e`;
  return rows[0]?.id;
}

/** Writes the steps (skipping seqs already written) and the enrolment's position, in `tx`; returns the enrolment's id. */
export async function writeProgress(tx: Tx, input: ProgressInput): Promise<{ enrolmentId: string }> {
  let id = await moveAndInsert(tx, input);
  if (id === undefined) {
    await createEnrolment(tx, input);
    id = await moveAndInsert(tx, input);
    if (id === undefined) throw new Error(`enrolment ${input.workflowId} could not be created (another enrolment holds its journey, customer and entry)`);
  }
  // A goal ends the run: its conversion is part of the same record (after the steps, which it reads).
  await recordGoalConversion(tx, id, input);
  return { enrolmentId: id };
}

export function progressActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    // One statement when the enrolment exists (atomic on its own); creating it first is idempotent.
    async recordProgress(input: ProgressInput): Promise<void> {
      await writeProgress(db, input);
    },
  };
}
