/** The JourneyRunner over a Temporal client: a start for entries (eager when it can be), signals for the rest. */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { JourneyWorkflowInput } from '@cairn/engine/workflow';
import {
  customerEventSignal,
  JOURNEY_WORKFLOW,
  moveVersionSignal,
  pauseSignal,
  profileSignal,
  removeSignal,
  resumeSignal,
  stopSignal,
} from '@cairn/engine/workflow';
import { salesOutcomeSignal } from '@cairn/engine/sales';
import type { JourneyRunner, RunnerSignal, ServiceHealth } from './runner.js';
import { temporalBroadcastRunner } from '../broadcasts/runner.js';

export function temporalRunner(client: Client, opts: { taskQueue: string; namespace: string }): JourneyRunner {
  return {
    broadcasts: temporalBroadcastRunner(client, opts),
    async enrol(workflowId: string, input: JourneyWorkflowInput): Promise<void> {
      // The input carries the triggering event, so a plain start suffices; a retried request finds
      // the run already going (USE_EXISTING) and enrols nobody twice. Unlike signalWithStart this
      // can start eagerly: when the client shares a NativeConnection with a worker of this task
      // queue in this process, the server hands the first workflow task straight back to it
      // (no task queue dispatch), and no signal (one billable action) repeats the trigger event.
      await client.workflow.start(JOURNEY_WORKFLOW, {
        workflowId,
        taskQueue: opts.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...(client.connection instanceof NativeConnection ? { requestEagerStart: true } : {}),
      });
    },

    async signal(workflowId: string, s: RunnerSignal): Promise<boolean> {
      const handle = client.workflow.getHandle(workflowId);
      try {
        switch (s.kind) {
          case 'event':
            await handle.signal(customerEventSignal, { event: s.event, ...(s.id ? { id: s.id } : {}) });
            break;
          case 'profile':
            await handle.signal(profileSignal, s.profile);
            break;
          case 'pause':
            await handle.signal(pauseSignal);
            break;
          case 'resume':
            await handle.signal(resumeSignal);
            break;
          case 'stop':
            await handle.signal(stopSignal, { reason: s.reason ?? 'stopped' });
            break;
          case 'remove':
            await handle.signal(removeSignal, { reason: s.reason ?? 'removed' });
            break;
          case 'salesOutcome':
            await handle.signal(salesOutcomeSignal, s.outcome);
            break;
          case 'move':
            await handle.signal(moveVersionSignal, s.request);
            break;
        }
        return true;
      } catch (err) {
        // The run finished between our read of the enrolment and the signal: nothing to do.
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },

    async health(): Promise<ServiceHealth> {
      try {
        // A short deadline: the client retries unavailable servers for a long time otherwise.
        await client.connection.withDeadline(Date.now() + 2000, () => client.workflowService.getSystemInfo({}));
        return { ok: true, detail: `namespace ${opts.namespace}, task queue ${opts.taskQueue}` };
      } catch (err) {
        return { ok: false, detail: (err as Error).message };
      }
    },
  };
}
