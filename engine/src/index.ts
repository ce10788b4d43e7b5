/**
 * @cairn/engine — the journey model, graph checks, compiler and simulator.
 * Browser-safe: nothing here imports Node built-ins.
 */
export * from './journey/primitives.js';
export { Journey, JourneySettings, EntryRules, Edge, parseJourney } from './journey/journey.js';
export type { JourneyInput, SchemaProblem } from './journey/journey.js';
export { JourneyNode, definitionOf, nodeKinds, assertNever, CATEGORY_ORDER } from './nodes/registry.js';
export type { NodeType, AnyNodeDefinition } from './nodes/registry.js';
export type { NodeCategory, OutputSpec, EffectOutcome, SimulationContext } from './nodes/define.js';
export * from './rules/schema.js';
export { CustomerEvent, Profile } from './rules/facts.js';
export type { Facts } from './rules/facts.js';
export { evaluateGroup, evaluateRule, compare, readPath } from './rules/evaluate.js';
export { nextWindowOpening, zonedParts, zonedTimeToInstant } from './time/zoned.js';
