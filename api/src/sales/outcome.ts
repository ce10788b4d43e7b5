/**
 * Recording a rep's outcome on a task, and telling the journey waiting on it (docs/sales-handoff.md).
 *
 * - `call_back` with its time reschedules: the task stays open, due at the agreed time (so it shows
 *   in the rep's inbox then), and the waiting journey moves its deadline the same way
 *   (callBackTimeout, shared with the workflow) instead of leaving the step.
 * - Any other outcome closes the task.
 * - After the journey's wait timed out, the outcome is still recorded on the task (the figures
 *   count it) but the journey is not signalled: it already took the timeout branch, and a second
 *   continuation would run the rest of the journey twice. The task keeps `journeyBranch: timeout`
 *   and the page says so.
 */
import type { Db } from '@cairn/db';
import { callBackTimeout, OUTCOME_WORDS, TASK_TIMEOUT, type TaskOutcome } from '@cairn/engine/sales';
import { TRPCError } from '@trpc/server';
import type { JourneyRunner } from '../enrol/runner.js';

type Task = NonNullable<Awaited<ReturnType<Db['salesTask']['findUnique']>>>;

export interface OutcomeInput {
  outcome: TaskOutcome;
  callBackAt?: Date | null | undefined;
  note: string;
}

/** What happened to the journey: told (it takes the outcome's branch or waits on), movedOn (timeout branch, before this), ended (no run to tell), none (the step does not wait). */
export type JourneyAnswer = 'told' | 'movedOn' | 'ended' | 'none';

/**
 * Whether the journey's wait on the task is over by the timeout. The escalation marks the task;
 * without escalation the deadline itself says so (the workflow's timer fires at the same instant).
 * Left open: a signal sent just before the deadline that reaches the workflow after its timer
 * fired is ignored there (the wait is over; no second continuation) while the rep was told the
 * journey heard it. Closing that needs the workflow to answer (an update), not a signal.
 */
export const timedOut = (task: Pick<Task, 'waits' | 'journeyBranch' | 'timeoutAt'>, now: number) =>
  task.waits && (task.journeyBranch === TASK_TIMEOUT || (task.timeoutAt !== null && task.timeoutAt.getTime() <= now));

export async function recordOutcome(deps: { db: Db; runner: JourneyRunner; now: number; userId: string }, task: Task, input: OutcomeInput) {
  const { db, now } = deps;
  if (task.status === 'done') throw new TRPCError({ code: 'CONFLICT', message: `this task already has its outcome: ${task.outcome ?? 'done'}` });
  const callBackAt = input.callBackAt ?? null;
  if (input.outcome === 'call_back' && !callBackAt) throw new TRPCError({ code: 'BAD_REQUEST', message: 'a call back needs its time (callBackAt)' });
  if (input.outcome === 'call_back' && callBackAt && callBackAt.getTime() <= now) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the call back time must be in the future' });
  const reschedule = input.outcome === 'call_back' && callBackAt !== null;
  const late = timedOut(task, now);
  let journey: JourneyAnswer = 'none';
  if (late) journey = 'movedOn';
  else if (task.waits) {
    // The journey first: should the signal fail, the task is unchanged and the rep can try again.
    const told = await deps.runner.signal(task.workflowId, { kind: 'salesOutcome', outcome: { taskId: task.id, outcome: input.outcome, ...(callBackAt ? { callBackAt: callBackAt.getTime() } : {}) } });
    journey = told ? 'told' : 'ended';
  }
  const at = new Date(now);
  const lateNote = late ? `recorded after the journey had moved on (${OUTCOME_WORDS[TASK_TIMEOUT]})` : '';
  const note = [input.outcome, callBackAt?.toISOString(), input.note, lateNote].filter(Boolean).join(' · ');
  const branch = late ? TASK_TIMEOUT : journey === 'told' && !reschedule ? input.outcome : task.journeyBranch;
  if (reschedule && callBackAt) {
    const timeoutAt = task.timeoutAt && !late ? new Date(callBackTimeout({ dueAt: task.dueAt.getTime(), timeoutAt: task.timeoutAt.getTime() }, callBackAt.getTime())) : task.timeoutAt;
    await db.salesTask.update({
      where: { id: task.id },
      data: { outcome: input.outcome, callBackAt, dueAt: callBackAt, timeoutAt, journeyBranch: branch, logs: { create: { kind: 'rescheduled', userId: deps.userId, note, at } } },
    });
    return { outcome: input.outcome, journeyTold: journey === 'told', journey, dueAt: callBackAt, timeoutAt };
  }
  await db.salesTask.update({
    where: { id: task.id },
    data: { status: 'done', outcome: input.outcome, callBackAt, closedAt: at, journeyBranch: branch, logs: { create: { kind: 'outcome', userId: deps.userId, note, at } } },
  });
  return { outcome: input.outcome, journeyTold: journey === 'told', journey, dueAt: task.dueAt, timeoutAt: task.timeoutAt };
}
