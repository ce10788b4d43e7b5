/** Worker entry points (Node only). */
export { createWorker, bundleJourneyWorkflows, workflowsPath } from './worker.js';
export type { CreateWorkerOptions } from './worker.js';
export { actionSecretOf, CommonEnv, flagText, parseSettings, parseWorkerEnv, portSetting, SettingsError, tlsOf } from './env.js';
export type { ParsedSecrets, WorkerEnv } from './env.js';
