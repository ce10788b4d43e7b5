/**
 * Records an enrolment's progress: its trace steps as NodeEvent rows (per-node counts are
 * aggregates of these) and where it stands on the Enrolment row. Idempotent: steps are keyed by
 * (enrolment, seq), so a retried call rewrites nothing.
 */
import type { Db } from '@cairn/db';
import { TX_OPTIONS } from '../delivery/claim.js';
import type { ProgressInput } from './types.js';

export function progressActivities(deps: { db: Db }) {
  const { db } = deps;

  /** The enrolment row's id; created here when the starter (ingest, a test) did not create it. */
  async function enrolmentId(input: ProgressInput): Promise<string> {
    const found = await db.enrolment.findUnique({ where: { workflowId: input.workflowId }, select: { id: true } });
    if (found) return found.id;
    const version = await db.journeyVersion.findUnique({ where: { id: input.versionId }, select: { version: true } });
    try {
      const row = await db.enrolment.create({
        data: {
          workflowId: input.workflowId,
          journeyId: input.journeyId,
          versionId: input.versionId,
          version: version?.version ?? 0,
          customerId: input.customerId,
          entry: input.entry,
          triggerNodeId: input.triggerNodeId ?? null,
          enteredAt: new Date(input.steps[0]?.at ?? input.at),
        },
        select: { id: true },
      });
      return row.id;
    } catch (err) {
      // Created concurrently (ingest and the workflow racing): use theirs.
      const again = await db.enrolment.findUnique({ where: { workflowId: input.workflowId }, select: { id: true } });
      if (again) return again.id;
      throw err;
    }
  }

  return {
    async recordProgress(input: ProgressInput): Promise<void> {
      const id = await enrolmentId(input);
      const ended = input.status === 'completed' || input.status === 'exited';
      await db.$transaction(async (tx) => {
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
        await tx.enrolment.update({
          where: { id },
          data: {
            currentNodeId: input.currentNodeId,
            status: input.status,
            ...(ended ? { exitReason: input.exitReason ?? null, endedAt: new Date(input.at) } : {}),
          },
        });
      }, TX_OPTIONS);
    },
  };
}
