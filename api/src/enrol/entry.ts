/**
 * Entry rules (once / re-entry after N days / at most N at once), decided in one transaction
 * that holds the customer's row lock, so concurrent or retried requests never enrol twice. The
 * Enrolment row is written here, before the workflow starts; its workflow id is deterministic.
 */
import type { Db, EnrolmentRow } from '@cairn/db';
import type { EntryRules } from '@cairn/core';
import { workflowIdFor } from '@cairn/engine/workflow';

export type EntryDecision =
  | { kind: 'enrol'; enrolment: EnrolmentRow; /** false: this event had already enrolled the customer (retry). */ fresh: boolean }
  | { kind: 'skip'; reason: string };

export interface EntryClaim {
  journeyId: string;
  versionId: string;
  version: number;
  customerId: string;
  triggerNodeId: string;
  /** messageId of the event that caused the entry (absent for schedule sweeps). */
  triggerEventId?: string;
  rules: EntryRules;
  now: number;
}

const DAY = 86_400_000;

export async function claimEntry(db: Db, c: EntryClaim): Promise<EntryDecision> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${c.customerId} FOR UPDATE`;
    if (c.triggerEventId) {
      const same = await tx.enrolment.findUnique({ where: { journeyId_triggerEventId: { journeyId: c.journeyId, triggerEventId: c.triggerEventId } } });
      // Already claimed by this event (a retry): start it again, idempotently, whatever the journey's
      // status now (the router passes a pause or stop on to the run).
      if (same) return { kind: 'enrol', enrolment: same, fresh: false };
    }
    // FOR SHARE: a pause or stop being committed right now is waited for, then seen.
    const [journey] = await tx.$queryRaw<Array<{ status: string }>>`SELECT status::text AS status FROM "Journey" WHERE id = ${c.journeyId} FOR SHARE`;
    if (journey?.status !== 'active') return { kind: 'skip', reason: `the journey is ${journey?.status ?? 'gone'}` };
    const prior = await tx.enrolment.findMany({
      where: { journeyId: c.journeyId, customerId: c.customerId },
      orderBy: { entry: 'desc' },
      select: { entry: true, enteredAt: true, status: true },
    });
    const last = prior[0];
    if (last && c.rules.mode === 'once') return { kind: 'skip', reason: 'already entered this journey (entry: once)' };
    if (last && c.rules.mode === 'reentry') {
      const since = c.now - last.enteredAt.getTime();
      if (since < c.rules.reentryAfterDays * DAY) {
        return { kind: 'skip', reason: `entered ${Math.floor(since / DAY)} days ago; re-entry after ${c.rules.reentryAfterDays} days` };
      }
    }
    const running = prior.filter((p) => p.status === 'active' || p.status === 'waiting').length;
    if (running >= c.rules.maxConcurrent) return { kind: 'skip', reason: `already in this journey ${running} time(s) at once (max ${c.rules.maxConcurrent})` };
    const entry = (last?.entry ?? 0) + 1;
    const enrolment = await tx.enrolment.create({
      data: {
        journeyId: c.journeyId,
        versionId: c.versionId,
        version: c.version,
        customerId: c.customerId,
        entry,
        workflowId: workflowIdFor(c.journeyId, c.customerId, entry),
        triggerNodeId: c.triggerNodeId,
        triggerEventId: c.triggerEventId ?? null,
        currentNodeId: c.triggerNodeId,
        status: 'active',
        enteredAt: new Date(c.now),
      },
    });
    return { kind: 'enrol', enrolment, fresh: true };
  });
}
