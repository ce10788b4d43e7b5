/**
 * @cairn/engine/sales: the sales handoff's shared parts (outcomes, routing, due times, the outcome
 * signal). Node-safe; the browser-safe names are also exported from the root entry.
 */
export * from './outcomes.js';
export { route, unavailable, covers } from './routing.js';
export type { RepCandidate, RouteRequest, RouteDecision } from './routing.js';
export { dueWithinHours } from './working-hours.js';
export type { WorkingHours } from './working-hours.js';
export { salesOutcomeSignal, SALES_CALL_BACK_PATCH, SALES_TASK_PATCH } from './signal.js';
export type { SalesOutcomeSignal } from './signal.js';
