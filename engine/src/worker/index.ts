/** Worker entry points (Node only). */
export { createWorker } from './worker.js';
export { bundleJourneyWorkflows, sharedCoreProblems, workflowsPath } from './bundle.js';
export type { BundleJourneyOptions } from './bundle.js';
export type { CreateWorkerOptions } from './worker.js';
export { actionSecretOf, CommonEnv, flagText, parseSettings, parseWorkerEnv, portSetting, SettingsError, tlsOf } from './env.js';
export type { ParsedSecrets, WorkerEnv } from './env.js';
