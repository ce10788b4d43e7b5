/**
 * @cairn/engine — the journey model, graph checks, compiler and simulator.
 * Browser-safe: nothing here imports Node built-ins.
 */
export * from './journey/primitives.js';
export { Journey, JourneySettings, EntryRules, Edge, parseJourney } from './journey/journey.js';
export type { JourneyInput, SchemaProblem } from './journey/journey.js';
export { diffJourneys, hasUnpublishedChanges, stepRef } from './journey/diff.js';
export type { JourneyDiff, StepRef, StepChange, FieldChange, LinkRef } from './journey/diff.js';
export { JOURNEY_SCHEMA_VERSION } from './journey/migrations.js';
export { JourneyNode, definitionOf, nodeKinds, assertNever, CATEGORY_ORDER } from './nodes/registry.js';
export type { NodeType, AnyNodeDefinition } from './nodes/registry.js';
export type { NodeCategory, OutputSpec, EffectOutcome, SimulationContext } from './nodes/define.js';
export * from './rules/schema.js';
export { CustomerEvent, Profile } from './rules/facts.js';
export type { Facts } from './rules/facts.js';
export { RESERVED_EVENT_PREFIX, isReservedEventName } from './rules/reserved-events.js';
export { evaluateGroup, evaluateRule, compare, readPath } from './rules/evaluate.js';
export { nextWindowOpening, zonedParts, zonedTimeToInstant } from './time/zoned.js';
export { compile, START, ENDED } from './compile/compile.js';
export type { CompiledJourney } from './compile/compile.js';
export type { JourneyContext, TraceStep, ExitInfo } from './compile/context.js';
export type * from './compile/events.js';
export { historyNeeds } from './compile/history-needs.js';
export { HISTORY_LIMIT } from './compile/implementations.js';
export { newRun, startRun, advance, pending, currentNode } from './run/driver.js';
export type { RunState, Pending, Advanced } from './run/driver.js';
export { simulate, pathOf } from './simulate/simulate.js';
export type { SimCustomer, SimClock, SimOptions, SimulationResult } from './simulate/simulate.js';
export { renderTemplate, renderScope } from './content/render.js';
export type { RenderScope } from './content/render.js';
export { stableBucket } from './nodes/condition/random.js';
export { ATTRIBUTE_CHANGED } from './nodes/trigger/attribute.js';
export { MANUAL_ENROL } from './nodes/trigger/manual.js';
export { SCHEDULE_FIRED } from './nodes/trigger/schedule.js';
export { applyTag } from './nodes/action/tag.js';
export { coerceAttribute } from './nodes/action/update-attribute.js';
export { localised } from './nodes/action/message.js';
export * from './checks/index.js';
export { STANDARD_CUSTOMER_FIELDS } from './checks/known-variables.js';
export { paletteItems } from './nodes/palette.js';
export type { PaletteItem } from './nodes/palette.js';
export { defineAction, PermanentActionError } from './plugins/define-action.js';
export type { ActionDefinition, ActionRunContext, ActionResult, ActionSimulationContext } from './plugins/define-action.js';
export { registerAction, actionOf, listActions } from './plugins/registry.js';
export { configOf, failureOutputOf, createCustomNode } from './nodes/action/custom.js';
export * from './policy/index.js';
export { kindTitleOf, kindIconOf } from './nodes/kind-of.js';
