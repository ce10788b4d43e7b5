/**
 * A journey waiting on a sales task (action.assignRep with waitForOutcome): after the assign
 * activity made the task, the run waits for the rep's outcome (the `salesTaskOutcome` signal,
 * sent by the API when the rep records it) until the task's timeout, and on timeout escalates
 * through an activity. Kept out of journey-workflow.ts: the loop calls `awaitSalesTask` once.
 *
 * A call back with its time (behind `patched('cairn-sales-call-back')`) does not end the wait: the
 * deadline moves with the task's new due time and the run waits on for the real outcome.
 *
 * Behind `patched('cairn-sales-task')`, asked only when a task that waits was made: runs whose
 * history has no such task never see the marker, so recorded histories replay unchanged.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { JourneyActivities } from '../activities/types.js';
import type { TaskDetail } from '../activities/sales-task.js';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import { callBackTimeout, OUTCOME_WORDS, TASK_TIMEOUT } from './core.js';
import { SALES_CALL_BACK_PATCH, SALES_TASK_PATCH, salesOutcomeSignal, type SalesOutcomeSignal } from '../sales/signal.js';
import type { Patches } from './patches.js';

/** Outcomes received by task id. Registered at the start of every run (no command, replay-safe). */
export function listenForSalesOutcomes(): Map<string, SalesOutcomeSignal> {
  const received = new Map<string, SalesOutcomeSignal>();
  setHandler(salesOutcomeSignal, (s) => void received.set(s.taskId, s));
  return received;
}

function waitingTask(outcome: EffectOutcome): TaskDetail | undefined {
  const task = (outcome.detail as { task?: TaskDetail } | undefined)?.task;
  return outcome.status === 'done' && task?.waits && typeof task.timeoutAt === 'number' ? task : undefined;
}

/** What the wait needs from the run it is part of (journey-workflow.ts). */
export interface TaskWaitHooks {
  /** A stop or removal was asked: the wait ends and the caller exits the run. */
  interrupted(): boolean;
  /** Customer events wait in the inbox (and the run is not paused). */
  pendingEvents(): boolean;
  /** Feeds them to the machine; true when one took the customer off the step (a goal, an exit event). */
  drain(): boolean;
  /**
   * The run rests until `until` (the status query says waiting, with that deadline, and progress
   * is recorded), or, with undefined, is busy again.
   */
  rest(until: number | undefined): Promise<void>;
}

/**
 * The assign step's final outcome: the rep's (output = the outcome), or `timeout` after the
 * escalation; 'left' when a customer event (a goal, an exit event) took the customer off the step
 * meanwhile. A stop or removal ends the wait early: the caller then exits the run.
 */
export async function awaitSalesTask(
  first: EffectOutcome,
  received: Map<string, SalesOutcomeSignal>,
  hooks: TaskWaitHooks,
  timeoutMs: number,
  patches: Patches,
): Promise<EffectOutcome | 'left'> {
  const task = waitingTask(first);
  if (!task || !patches(SALES_TASK_PATCH)) return first;
  let deadline = task.timeoutAt ?? Date.now();
  let dueAt = Date.parse(task.due);
  const { interrupted } = hooks;
  const arrived = () => received.has(task.id) || interrupted();
  for (;;) {
    if (!arrived() && deadline > Date.now()) await hooks.rest(deadline);
    while (!arrived() && deadline > Date.now()) {
      await condition(() => arrived() || hooks.pendingEvents(), deadline - Date.now());
      if (hooks.pendingEvents() && hooks.drain()) {
        await hooks.rest(undefined);
        return 'left';
      }
    }
    // A call back with its time moves the task, not the journey: wait on (outcomes.ts, callBackTimeout).
    const got = received.get(task.id);
    if (interrupted() || got?.outcome !== 'call_back' || got.callBackAt === undefined || !patches(SALES_CALL_BACK_PATCH)) break;
    received.delete(task.id);
    deadline = callBackTimeout({ dueAt, timeoutAt: deadline }, got.callBackAt);
    dueAt = got.callBackAt;
  }
  await hooks.rest(undefined);
  const got = received.get(task.id);
  if (got) {
    const at = got.callBackAt !== undefined ? ` at ${new Date(got.callBackAt).toISOString()}` : '';
    return { output: got.outcome, status: 'done', reason: `${task.rep ?? 'the rep'} recorded ${OUTCOME_WORDS[got.outcome]}${at}`, detail: { task: { id: task.id }, outcome: got } };
  }
  if (interrupted()) return { output: TASK_TIMEOUT, status: 'skipped', reason: 'left the task before its outcome' };
  if (!task.escalate) return { output: TASK_TIMEOUT, status: 'timeout', reason: `no outcome by ${new Date(deadline).toISOString()}` };
  const { escalateSalesTask } = proxyActivities<JourneyActivities>({
    startToCloseTimeout: timeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
  const { reason } = await escalateSalesTask({ taskId: task.id, at: Date.now() });
  return { output: TASK_TIMEOUT, status: 'timeout', reason, detail: { task: { id: task.id }, escalated: true } };
}
