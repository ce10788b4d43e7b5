/** Worker entry points (Node only). */
export { createWorker, bundleJourneyWorkflows, workflowsPath } from './worker.js';
export type { CreateWorkerOptions } from './worker.js';
export { parseWorkerEnv, tlsOf } from './env.js';
export type { WorkerEnv } from './env.js';
