/**
 * The node registry: one line per kind. Everything that needs to know the kinds (the schema
 * union, palette, inspector, checks, compiler, simulator) reads it from here.
 */
import { z } from 'zod';
import type { EffectPolicy, MessageSpec, NodeCategory, NodeDefinition } from './define.js';
import { BUILT_IN_KINDS } from './kinds.js';

/** The kinds, in palette order: each is listed once, in kinds.ts. */
const definitions = BUILT_IN_KINDS;
type Definitions = typeof definitions;

/**
 * Each kind's zod schema, in the same order. Generic on purpose: only a mapped type over a type
 * parameter keeps a tuple a tuple, and the union needs the tuple to keep every member's type.
 */
type SchemasOf<T extends readonly unknown[]> = { -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never };
type Schemas = SchemasOf<Definitions>;

/** Every node a journey can hold: one discriminated union keyed by `type`, built from the kinds. */
export const JourneyNode = z.discriminatedUnion('type', definitions.map((d) => d.schema) as unknown as Schemas);
export type JourneyNode = z.infer<typeof JourneyNode>;
/** The `type` of a built-in step kind. */
export type NodeType = JourneyNode['type'];

/** The node of one kind: `NodeOf<'action.email'>` is `EmailNode`. */
export type NodeOf<K extends NodeType> = Extract<JourneyNode, { type: K }>;

/**
 * The kinds the runtime performs as effects (definitions with `behaviour: 'effect'`). A table
 * keyed by `EffectKind` (the workflow's effect table) fails to compile when a kind is missing.
 */
export type EffectKind = Extract<(typeof definitions)[number], { behaviour: 'effect' }>['type'];

/**
 * The built-in non-message actions: effect kinds that declare an `effect` policy. Each is run by
 * the one generic `runAction` activity through the actions table (`engine/src/actions/index.ts`),
 * keyed by this type, so a kind without its run does not compile.
 */
export type BuiltinActionKind = Extract<(typeof definitions)[number], { effect: object }>['type'];

/** A definition seen from outside, its methods taking any journey node. */
export type AnyNodeDefinition = NodeDefinition<string, z.ZodObject> & { type: NodeType };

const byType = new Map<string, AnyNodeDefinition>(
  definitions.map((d) => [d.type, d as unknown as AnyNodeDefinition]),
);

/** The definition of a node kind. Throws for an unknown kind (the schema rejects those first). */
export function definitionOf(type: string): AnyNodeDefinition {
  const def = byType.get(type);
  if (!def) throw new Error(`unknown node type "${type}"`);
  return def;
}

/** The definition of a node kind, or undefined for an unknown kind. */
export function findDefinition(type: string): AnyNodeDefinition | undefined {
  return byType.get(type);
}

/** The built-in actions' policies (workflow-safe: retries, timeout, failure output), by kind. */
export function effectPolicyOf(type: string): EffectPolicy<z.ZodObject> | undefined {
  const def = byType.get(type);
  return def?.behaviour === 'effect' ? def.effect : undefined;
}

/** The message spec of a kind that sends messages (email, SMS, push, chat), else undefined. */
export function messageSpecOf(def: AnyNodeDefinition | undefined): MessageSpec<z.ZodObject> | undefined {
  return def?.behaviour === 'effect' ? def.message : undefined;
}

/** All kinds, in palette order. */
export function nodeKinds(): readonly AnyNodeDefinition[] {
  return [...byType.values()];
}

/** The order categories are listed in the palette. */
export const CATEGORY_ORDER: readonly NodeCategory[] = ['trigger', 'condition', 'wait', 'action', 'goal'];

/** Exhaustiveness helper for switches over node kinds or other unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
