/**
 * What a rep can record on a sales task, and the assign step's outputs when its journey waits on
 * the task. Browser-safe (the node kind, the editor and the API share these names).
 */
export const TASK_OUTCOMES = ['won', 'lost', 'no_answer', 'call_back'] as const;
/** An outcome a rep records on a sales task. */
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** The output taken when nobody records an outcome before the task's timeout. */
export const TASK_TIMEOUT = 'timeout';

/** Words for each outcome (canvas branches, the inbox, the figures). */
export const OUTCOME_WORDS: Record<TaskOutcome | typeof TASK_TIMEOUT, string> = {
  won: 'won',
  lost: 'lost',
  no_answer: 'no answer',
  call_back: 'call back',
  timeout: 'no outcome in time',
};

/** How a rep is chosen for a task (routing.ts). */
export const ROUTING_STRATEGIES = ['named', 'roundRobin', 'leastLoaded', 'territory', 'keepOwner'] as const;
/** How a sales task picks its rep: a named person, round robin, least loaded, by territory, or the customer's owner. */
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/**
 * The journey's deadline after a call back: the task's due time moves to the agreed time, and the
 * grace the step gave after its due time (timeoutAfter = timeoutAt - dueAt) is counted again from
 * there. Measured from the new due time, not kept at the old deadline, because the rep is keeping
 * an appointment the customer asked for: escalating before it (or right after it, with no time to
 * record how the call went) would punish the rep for doing the job. The API and the workflow both
 * call this, so the task page and the timer agree; the grace stays timeoutAt - dueAt after every
 * reschedule.
 */
export function callBackTimeout(task: { dueAt: number; timeoutAt: number }, callBackAt: number): number {
  return callBackAt + Math.max(0, task.timeoutAt - task.dueAt);
}
