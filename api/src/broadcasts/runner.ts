/**
 * What the API needs to run broadcasts: start one (one Temporal workflow per broadcast, started
 * once: a second start finds the running one) and steer it (pause, resume, cancel).
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { BROADCAST_WORKFLOW, broadcastControlSignal, broadcastWorkflowId, BROADCAST_INPUT_VERSION, type BroadcastControl } from '@cairn/engine/workflow';

export interface BroadcastRunner {
  /** Starts the broadcast's workflow; returns its id. Idempotent. */
  start(broadcastId: string): Promise<string>;
  /** False when the workflow has already ended. */
  control(broadcastId: string, control: BroadcastControl): Promise<boolean>;
}

export function temporalBroadcastRunner(client: Client, opts: { taskQueue: string }): BroadcastRunner {
  return {
    async start(broadcastId) {
      const workflowId = broadcastWorkflowId(broadcastId);
      await client.workflow.start(BROADCAST_WORKFLOW, {
        workflowId,
        taskQueue: opts.taskQueue,
        args: [{ v: BROADCAST_INPUT_VERSION, broadcastId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return workflowId;
    },
    async control(broadcastId, control) {
      try {
        await client.workflow.getHandle(broadcastWorkflowId(broadcastId)).signal(broadcastControlSignal, control);
        return true;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },
  };
}
