/**
 * The broadcast workflow's public contract: its id, input and control signal. Workflow-safe and
 * Node-safe (the API imports it to start and steer broadcasts).
 */
import { defineSignal } from '@temporalio/workflow';

/** The workflow type name. */
export const BROADCAST_WORKFLOW = 'broadcastWorkflow';

/** One workflow per broadcast: starting it twice finds the running one. */
export function broadcastWorkflowId(broadcastId: string): string {
  return `broadcast:${broadcastId}`;
}

/** Version of the input and carried state (absent: 1), see README "Durable contracts". */
export const BROADCAST_INPUT_VERSION = 1;

/**
 * What starts (or continues) a broadcast workflow: the broadcast's id and, after continue-as-new, where it
 * left off.
 */
export interface BroadcastWorkflowInput {
  v?: number;
  broadcastId: string;
  /** Where a run continued-as-new left off; absent on the first run. */
  carried?: BroadcastCarried;
}

/** What a run hands to the next after continue-as-new. */
export interface BroadcastCarried {
  /** The zone pass being sent (index into the plan) and the last customer id sent in it. */
  pass: number;
  after: string | null;
  paused: boolean;
  /** Customers handled so far (the progress bar). */
  processed: number;
}

/** What staff can tell a running broadcast. */
export type BroadcastControl = 'pause' | 'resume' | 'cancel';
/** Pauses, resumes or cancels a running broadcast. */
export const broadcastControlSignal = defineSignal<[BroadcastControl]>('broadcastControl');
