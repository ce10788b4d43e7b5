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
import { TX_OPTIONS } from '../delivery/claim.js';
import type { ProgressInput } from './types.js';

type Tx = Prisma.TransactionClient;

/** The enrolment row's id; created here when the starter (ingest, a test) did not create it. */
async function enrolmentId(tx: Tx, input: ProgressInput): Promise<string> {
  const found = await tx.enrolment.findUnique({ where: { workflowId: input.workflowId }, select: { id: true } });
  if (found) return found.id;
  const version = await tx.journeyVersion.findUnique({ where: { id: input.versionId }, select: { version: true } });
  // ON CONFLICT DO NOTHING, not a caught unique violation: a failed statement would abort the
  // caller's transaction. Created concurrently (ingest and the workflow racing): use theirs.
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
  const row = await tx.enrolment.findUnique({ where: { workflowId: input.workflowId }, select: { id: true } });
  if (!row) throw new Error(`enrolment ${input.workflowId} could not be created (another enrolment holds its journey, customer and entry)`);
  return row.id;
}

/** Writes the steps (skipping seqs already written) and the enrolment's position, in `tx`. */
export async function writeProgress(tx: Tx, input: ProgressInput): Promise<void> {
  const id = await enrolmentId(tx, input);
  const ended = input.status === 'completed' || input.status === 'exited';
  if (input.steps.length > 0) {
    await tx.nodeEvent.createMany({
      skipDuplicates: true,
      data: input.steps.map((s, i) => ({
        enrolmentId: id,
        journeyId: input.journeyId,
        seq: input.fromSeq + i,
        nodeId: s.nodeId,
        kind: s.kind,
        output: s.output ?? null,
        status: s.status ?? null,
        reason: s.reason,
        ...(s.detail !== undefined ? { detail: s.detail as object } : {}),
        at: new Date(s.at),
      })),
    });
  }
  await tx.enrolment.update({
    where: { id },
    data: {
      currentNodeId: input.currentNodeId,
      status: input.status,
      ...(ended ? { exitReason: input.exitReason ?? null, endedAt: new Date(input.at) } : {}),
    },
  });
}

export function progressActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    async recordProgress(input: ProgressInput): Promise<void> {
      await db.$transaction((tx) => writeProgress(tx, input), TX_OPTIONS);
    },
  };
}
