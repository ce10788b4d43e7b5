/**
 * The journey core as the workflow code reaches it: every value the workflows take from
 * @cairn/core comes through this one module, and the worker preloads it
 * (engine/src/worker/bundle.ts).
 *
 * Why: the SDK's reusable V8 context evaluates the bundle's modules again for every new workflow,
 * so each customer's run used to build @cairn/core's zod schemas afresh (about 9 ms of a 13 ms
 * module scope, test/bench/engine). A preloaded module is evaluated once per worker and shared by
 * every workflow, but the SDK deep-freezes what shared modules export, and zod schemas define
 * members on first use. The worker's bundle therefore concatenates this module with everything it
 * imports (webpack's module concatenation): the schemas live inside one module scope, out of the
 * freeze's reach, and this module exports functions and constants only.
 *
 * What may be shared: pure functions and caches keyed by the journey they describe. Any state
 * that differs between customers stays in the workflow (run.ts, the carried state).
 */
export { compile } from '@cairn/core/internal/compile/compile';
export { parseJourney } from '@cairn/core/internal/journey/journey';
export { LEAVE } from '@cairn/core/internal/journey/version-map';
export { advance, currentNode, pending, startRun } from '@cairn/core/internal/run/driver';
export { placeMoved } from '@cairn/core/internal/run/place-moved';
export { callBackTimeout, OUTCOME_WORDS, TASK_TIMEOUT } from '@cairn/core/internal/sales/outcomes';
export { effectPolicyOf } from '@cairn/core/internal/nodes/registry';
export { failureOutputOf } from '@cairn/core/internal/nodes/action/custom';
export { actionOf } from '@cairn/core/internal/plugins/registry';
