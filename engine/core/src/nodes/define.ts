/**
 * The contract every node kind fulfils. A kind is one file that calls `defineNode`, plus one line
 * in `registry.ts`; the schema union, the palette, the inspector, the graph checks, the compiler
 * and the simulator all read from the registry.
 */
import { z } from 'zod';
import type { Channel } from '../journey/primitives.js';
import { Id, Position } from '../journey/primitives.js';
import type { CustomerEvent, Facts } from '../rules/facts.js';
import type { RuleGroup } from '../rules/schema.js';

/** The five families of steps on the canvas and in the palette. */
export type NodeCategory = 'trigger' | 'wait' | 'condition' | 'action' | 'goal';

/** A named exit of a node. Edges leave outputs; `optional` outputs may stay unconnected (the customer exits). */
export interface OutputSpec {
  id: string;
  label: string;
  optional?: boolean;
  /**
   * Kept only so that journeys and runs from before still work (their edges stay valid, old runs
   * can still take it); new runs never take it. The canvas shows it only while an edge uses it.
   */
  retired?: boolean;
}

/** Fields every node has, whatever its kind. */
export const nodeBase = {
  id: Id,
  position: Position.default({ x: 0, y: 0 }),
  /** The marketer's own name for this step, shown on the canvas. */
  label: z.string().max(120).optional(),
  notes: z.string().max(2000).optional(),
};

/** A node's one-line summary: plain words, or a Liquid template (a message's first line) to render. */
export type NodeSummary = string | { liquid: string };

/** What an effect (an action node run by the runtime) reports back to the machine. */
export interface EffectOutcome {
  /** Which output to follow. */
  output: string;
  /** sent, suppressed, skipped, failed, done … recorded with the step. */
  status: string;
  reason?: string;
  /** Attribute updates to merge into the customer's profile (e.g. an issued coupon code). */
  attributes?: Record<string, unknown>;
  /** Free-form detail: the rendered message in simulation, a provider id at run time. */
  detail?: unknown;
}

/** What a node kind's simulated effect can read: the customer, the facts, their time zone, their suppressions and a template renderer. */
export interface SimulationContext {
  customerId: string;
  facts: Facts;
  timeZone: string;
  /** Channels on which the simulated customer refused contact ('all' for every channel). */
  suppressed: ReadonlySet<string>;
  /** Renders a Liquid template against the customer and event; throws on a template error. */
  render(template: string): string;
}

interface Common<T extends string, S extends z.ZodObject> {
  type: T;
  category: NodeCategory;
  title: string;
  description: string;
  /** A short icon name the editor maps to a glyph. */
  icon: string;
  schema: S;
  /** A fresh node of this kind with sensible defaults (the palette drops this). */
  create(id: string): z.infer<S>;
  outputs(node: z.infer<S>): OutputSpec[];
  /** Liquid templates inside the node (checked for unknown variables). */
  templates?(node: z.infer<S>): Array<{ field: string; template: string }>;
  /** Rule groups inside the node (attributes they name become known template variables). */
  rules?(node: z.infer<S>): RuleGroup[];
  /**
   * Who takes `output`, in words for a marketer ("customers who don't do “Order Completed”
   * within 3 days"); absent or undefined: "customers who reach this step".
   */
  describeOutput?(node: z.infer<S>, output: OutputSpec): string | undefined;
  /** Customer attributes the node writes (they become known template variables). */
  attributesWritten?(node: z.infer<S>): string[];
  /**
   * Event names a running customer must be told of for this step to decide right, besides what
   * it awaits (segment entries and exits keep the memberships an "is in segment" condition reads).
   */
  needsEvents?(node: z.infer<S>): readonly string[];
  /**
   * One line under the node's title on the canvas: what it is set to ("3 days", "“Order
   * Completed”", "09:00–11:00, Mon–Fri"). A message gives its first line as a Liquid template,
   * which the editor renders for the sample customer. Absent: the title says it all.
   */
  summary?(node: z.infer<S>): NodeSummary;
  /**
   * A valid node of this kind with varied settings, for generated journeys (property tests and
   * benchmarks). Kinds without it are left out of generated journeys.
   */
  sample?(id: string, random: () => number): z.input<S>;
}

/** What a message kind sends: its channel, and its content fields for a customer's locale. */
export interface MessageSpec<S extends z.ZodObject> {
  channel: Channel;
  /** The Liquid content fields for the customer's locale (translations applied), not yet rendered. */
  content(node: z.infer<S>, locale: unknown): Record<string, string>;
  /** Fields a message cannot be sent without, with their names in the editor. */
  required: ReadonlyArray<{ field: string; label: string }>;
  /**
   * A content field holding markup rather than text (an email body in MJML): Liquid output is
   * HTML-escaped in it, and the delivery path compiles it to HTML with a plain-text part.
   */
  markup?(node: z.infer<S>): { field: string; language: 'mjml' } | undefined;
}

export interface TriggerDefinition<T extends string, S extends z.ZodObject> extends Common<T, S> {
  behaviour: 'trigger';
  /**
   * For triggers that enrol without a customer event of their own (by hand, on a schedule, on
   * segment entry): the event the simulator offers them when a test customer starts.
   */
  startEvent?(node: z.infer<S>, at: number): CustomerEvent;
  /** Does this customer event (with these facts) enrol the customer through this trigger? */
  matchesEvent(node: z.infer<S>, event: CustomerEvent, facts: Facts): boolean;
  /**
   * The event names `matchesEvent` can accept, so ingest skips the trigger for any other event
   * (no profile load, no entry check). Absent: any event may start it (a segment trigger).
   */
  entryEvents?(node: z.infer<S>): readonly string[];
  /**
   * Enrols on a change, not a state: only when `matchesEvent` holds with the facts after an
   * ingest call and did not before it (entering a segment, not being in it), judged once per call
   * on the call's own row (not on the "$attribute_changed" rows it produced).
   */
  entersOnChange?: boolean;
}

export interface WaitDefinition<T extends string, S extends z.ZodObject> extends Common<T, S> {
  behaviour: 'wait';
  /**
   * The absolute deadline (epoch ms) when entering at `now`, in the customer's time zone and with
   * their profile attributes (a date wait reads its date there); undefined waits for an event only.
   */
  deadline(node: z.infer<S>, now: number, timeZone: string, attributes?: Record<string, unknown>): number | undefined;
  /** Output taken when the deadline passes. */
  timeoutOutput: string;
  /**
   * Does a customer arriving here always stop for some time? Only such waits break a loop (a
   * loop without one is a message storm); a time window lets customers through while open.
   */
  alwaysPauses(node: z.infer<S>): boolean;
  /** For waits that end on a customer event: does this event end the wait, and by which output? */
  awaits?(node: z.infer<S>, event: CustomerEvent): string | undefined;
  /** The event names `awaits` can accept (others are not sent to a waiting run). Absent with `awaits`: any. */
  awaitedEvents?(node: z.infer<S>): readonly string[];
}

export interface ConditionDefinition<T extends string, S extends z.ZodObject> extends Common<T, S> {
  behaviour: 'condition';
  /** Which output the customer takes, and why. Pure and deterministic. */
  choose(node: z.infer<S>, facts: Facts, customerId: string): { output: string; reason: string };
}

/**
 * How the runtime performs a built-in non-message action (tag, update attribute, webhook, assign
 * rep): the same contract as a custom action's `defineAction` (retries, timeout, failure
 * output), read by the workflow. Its `run` lives beside it in `<kind>.run.node.ts` (Node only:
 * it touches the database); declaring `effect` makes the kind a `BuiltinActionKind`, and the
 * actions table (`engine/src/actions/index.ts`) does not compile until the run is there.
 */
export interface EffectPolicy<S extends z.ZodObject> {
  /** The output followed when the step fails for good (retries exhausted, or a failure `run` reports). */
  failureOutput(node: z.infer<S>): string;
  /** Temporal retry policy of the step (default 5 attempts, exponential from 1 s, at most 30 s apart). */
  retry?: { maximumAttempts?: number; initialIntervalMs?: number };
  /** Start-to-close timeout of one attempt in ms (default: the workflow's effect timeout, 60 s). */
  timeoutMs?: number;
}

export interface ActionDefinition<T extends string, S extends z.ZodObject> extends Common<T, S> {
  behaviour: 'effect';
  /** Built-in non-message actions: how the runtime retries them and where a failure goes. */
  effect?: EffectPolicy<S>;
  /** The channel when the action contacts the customer: such actions always pass the delivery policy. */
  contacts?(node: z.infer<S>): Channel | undefined;
  /** Set on message kinds: the runtime sends them through the delivery path with this content. */
  message?: MessageSpec<S>;
  /** What the action would do, without doing it (simulation and the test-customer panel). */
  simulate(node: z.infer<S>, ctx: SimulationContext): EffectOutcome;
}

export interface ExitDefinition<T extends string, S extends z.ZodObject> extends Common<T, S> {
  behaviour: 'exit';
}

export interface GoalDefinition<T extends string, S extends z.ZodObject> extends Common<T, S> {
  behaviour: 'goal';
  matchesEvent(node: z.infer<S>, event: CustomerEvent, facts: Facts): boolean;
  /** The event names `matchesEvent` can accept (others are not sent to a running customer). Absent: any. */
  awaitedEvents?(node: z.infer<S>): readonly string[];
}

export type NodeDefinition<T extends string = string, S extends z.ZodObject = z.ZodObject> =
  | TriggerDefinition<T, S>
  | WaitDefinition<T, S>
  | ConditionDefinition<T, S>
  | ActionDefinition<T, S>
  | ExitDefinition<T, S>
  | GoalDefinition<T, S>;

/** Identity helper that keeps the literal `type` and the schema's type for the registry. */
export function defineNode<T extends string, S extends z.ZodObject, D extends NodeDefinition<T, S>>(def: D & { type: T; schema: S }): D {
  return def;
}

export const NEXT: OutputSpec = { id: 'next', label: 'next' };
