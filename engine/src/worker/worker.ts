/**
 * Builds a Temporal worker that runs journey workflows and their activities. The workflow code is
 * bundled from engine/src/workflow (TypeScript source, bundled by the SDK's webpack); pass a
 * prebuilt `workflowBundle` to skip the few seconds of bundling (tests start many workers).
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { JourneyActivities } from '../activities/types.js';
import { workflowsEntryWithAppActions } from '../plugins/app-actions.node.js';
import { DEFAULT_TASK_QUEUE } from '../workflow/api.js';

/** The workflows entry the bundler starts from. */
export const workflowsPath = fileURLToPath(new URL('../workflow/index.ts', import.meta.url));

/** What a Temporal worker for journeys is built from. */
export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  activities: JourneyActivities;
  /** Output of `bundleJourneyWorkflows()`; bundled on the fly when absent. */
  workflowBundle?: { code: string };
  /** Extra workflow modules (e.g. a benchmark's baseline) instead of the default entry. */
  workflowsPath?: string;
  /** Anything else Worker.create accepts (concurrency limits, interceptors, shutdown grace…). */
  tuning?: Partial<Omit<WorkerOptions, 'connection' | 'namespace' | 'taskQueue' | 'activities' | 'workflowBundle' | 'workflowsPath'>>;
}

/** Bundles the journey workflows (with the app's custom actions) for a worker, once per process. */
export async function bundleJourneyWorkflows(path: string = workflowsEntryWithAppActions(workflowsPath)): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: path, logger: quietLogger });
}

/** Creates the Temporal worker that runs journeys: workflows, activities and task queue. */
export async function createWorker(opts: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace ?? 'default',
    taskQueue: opts.taskQueue ?? DEFAULT_TASK_QUEUE,
    activities: opts.activities as unknown as WorkerOptions['activities'],
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: opts.workflowsPath ?? workflowsEntryWithAppActions(workflowsPath) }),
    ...opts.tuning,
  });
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(`[workflow bundle] ${message}`),
  error: (message: string) => console.error(`[workflow bundle] ${message}`),
};
