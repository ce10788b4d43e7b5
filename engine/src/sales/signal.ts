/**
 * The signal that carries a rep's outcome to the journey waiting on the task. Workflow-safe and
 * Node-safe (the API signals it, the workflow handles it).
 */
import { defineSignal } from '@temporalio/workflow';
import type { TaskOutcome } from './outcomes.js';

export interface SalesOutcomeSignal {
  taskId: string;
  outcome: TaskOutcome;
  /** For call_back: when the rep will call again (epoch ms). */
  callBackAt?: number;
}

export const salesOutcomeSignal = defineSignal<[SalesOutcomeSignal]>('salesTaskOutcome');

/** The patch id of journeys waiting on sales tasks (workflow/sales-wait.ts). */
export const SALES_TASK_PATCH = 'cairn-sales-task';
