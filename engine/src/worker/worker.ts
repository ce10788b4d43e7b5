/**
 * Builds a Temporal worker that runs journey workflows and their activities. The workflow code is
 * bundled from engine/src/workflow (bundle.ts: the journey core evaluated once per worker); pass a
 * prebuilt `workflowBundle` to skip the few seconds of bundling (tests start many workers).
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { JourneyActivities } from '../activities/types.js';
import { DEFAULT_TASK_QUEUE } from '../workflow/api.js';
import { bundleJourneyWorkflows } from './bundle.js';

/** What a Temporal worker for journeys is built from. */
export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  activities: JourneyActivities;
  /** Output of `bundleJourneyWorkflows()`; bundled on the fly when absent. */
  workflowBundle?: { code: string };
  /** Anything else Worker.create accepts (concurrency limits, interceptors, shutdown grace…). */
  tuning?: Partial<Omit<WorkerOptions, 'connection' | 'namespace' | 'taskQueue' | 'activities' | 'workflowBundle' | 'workflowsPath'>>;
}

/** Creates the Temporal worker that runs journeys: workflows, activities and task queue. */
export async function createWorker(opts: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace ?? 'default',
    taskQueue: opts.taskQueue ?? DEFAULT_TASK_QUEUE,
    activities: opts.activities as unknown as WorkerOptions['activities'],
    workflowBundle: opts.workflowBundle ?? (await bundleJourneyWorkflows()),
    ...opts.tuning,
  });
}
