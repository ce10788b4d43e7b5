/**
 * The signal that carries a rep's outcome to the journey waiting on the task. Workflow-safe and
 * Node-safe (the API signals it, the workflow handles it).
 */
import { defineSignal } from '@temporalio/workflow';
import type { TaskOutcome } from '@cairn/core/internal/sales/outcomes';

/** The outcome of a sales task, as signalled to the journey waiting on it. */
export interface SalesOutcomeSignal {
  taskId: string;
  outcome: TaskOutcome;
  /** For call_back: when the rep will call again (epoch ms). */
  callBackAt?: number;
}

/** The signal that tells a waiting journey the outcome a rep recorded. */
export const salesOutcomeSignal = defineSignal<[SalesOutcomeSignal]>('salesTaskOutcome');

/** The patch id of journeys waiting on sales tasks (workflow/sales-wait.ts). */
export const SALES_TASK_PATCH = 'cairn-sales-task';

/**
 * The patch id of call backs that reschedule (sales-wait.ts): a call_back with its time moves the
 * wait's deadline instead of ending the step. Runs that took call_back as an outcome before this
 * replay without the marker and keep doing so.
 */
export const SALES_CALL_BACK_PATCH = 'cairn-sales-call-back';
