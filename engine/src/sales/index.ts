/**
 * @cairn/engine/sales: the sales handoff's shared parts (outcomes, routing, due times, the outcome
 * signal). Node-safe; the browser-safe names are also exported from the root entry.
 */
export * from '@cairn/core/internal/sales/outcomes';
export { route, unavailable, covers } from '@cairn/core/internal/sales/routing';
export type { RepCandidate, RouteRequest, RouteDecision } from '@cairn/core/internal/sales/routing';
export { dueWithinHours } from '@cairn/core/internal/sales/working-hours';
export type { WorkingHours } from '@cairn/core/internal/sales/working-hours';
export { salesOutcomeSignal, SALES_CALL_BACK_PATCH, SALES_TASK_PATCH } from './signal.js';
export type { SalesOutcomeSignal } from './signal.js';
