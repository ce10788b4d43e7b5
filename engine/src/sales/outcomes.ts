/**
 * What a rep can record on a sales task, and the assign step's outputs when its journey waits on
 * the task. Browser-safe (the node kind, the editor and the API share these names).
 */
export const TASK_OUTCOMES = ['won', 'lost', 'no_answer', 'call_back'] as const;
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
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];
