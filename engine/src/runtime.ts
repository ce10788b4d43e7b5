/**
 * @cairn/engine/runtime — the Node-only side of the engine: activities, the delivery path and
 * providers, and the Temporal worker. Never import this from browser code; use the root entry.
 */
export * from './activities/index.js';
export * from './delivery/index.js';
export * from './worker/index.js';
export * from './workflow/api.js';
