/**
 * The extension API: an engineer adds a custom action node with one `defineAction` call in one
 * file, and one line in `actions/index.ts`. The palette, the inspector (from `config`), the
 * graph checks, the simulator and the runtime (a Temporal activity with the declared retries and
 * timeout) all pick it up.
 *
 * Rules that keep the promise of suppression: `run` gets everything through its context (no
 * provider, no database), and an action that contacts the customer declares `contacts`; the
 * runtime then runs the delivery policy before `run`, and a suppressed customer is never reached.
 *
 * @example
 * export const issueCoupon = defineAction({
 *   type: 'coupon.issue',
 *   title: 'Issue coupon',
 *   description: 'Creates a unique code and stores it on the customer.',
 *   config: z.object({ prefix: z.string().default('WELCOME') }),
 *   outputs: ['success', 'failure'],
 *   async run(ctx, config) {
 *     const code = `${config.prefix}-${ctx.idempotencyKey.slice(-6)}`;
 *     return { output: 'success', attributes: { coupon: code } };
 *   },
 * });
 */
import type { z } from 'zod';
import type { Channel, Topic } from '../journey/primitives.js';
import type { CustomerEvent } from '../rules/facts.js';
import type { VersionedConfig } from './config-version.js';

/** What `run` sees. Everything with a side effect comes through here, so tests can swap it. */
export interface ActionRunContext {
  customer: { id: string; attributes: Record<string, unknown>; timeZone?: string };
  event?: CustomerEvent;
  journey: { id: string; name: string };
  nodeId: string;
  /** Stable across retries of the same step: pass it on to APIs that deduplicate. */
  idempotencyKey: string;
  /** 1 on the first try. */
  attempt: number;
  /** Renders a Liquid template over the customer, event and journey. */
  render(template: string): string;
  fetch: typeof fetch;
  /** A secret from the worker's environment (`CAIRN_SECRET_<NAME>`), never stored in journeys. */
  secret(name: string): string | undefined;
  /**
   * Claims `value` in `namespace` for good (e.g. coupon codes). True when it was free, or was
   * already claimed by this same step (a retry); false when someone else has it.
   */
  claimUnique(namespace: string, value: string): Promise<boolean>;
  log(message: string): void;
}

/**
 * What a custom action's run returns: the output it takes and, optionally, why (shown on the customer's
 * path).
 */
export interface ActionResult<O extends string = string> {
  output: O;
  /** Shown in the trace: what happened. */
  reason?: string;
  /** Written to the customer's attributes (later nodes and messages can use them). */
  attributes?: Record<string, unknown>;
  detail?: unknown;
}

/** What the simulator gives an action: no I/O, only the data. */
export interface ActionSimulationContext {
  customer: { id: string; attributes: Record<string, unknown> };
  event?: CustomerEvent;
  render(template: string): string;
}

/**
 * A custom action as `defineAction` returns it: config schema, outputs, what it does and how it is
 * simulated.
 */
export interface ActionDefinition<C extends z.ZodObject = z.ZodObject, O extends string = string> extends VersionedConfig {
  /** Unique, dotted lower-case, e.g. "crm.followUp". */
  type: string;
  title: string;
  description: string;
  /** The palette group the action appears under (default "Actions"). */
  category?: string;
  /**
   * Where the palette lists it: an action (default), or a condition — a step that only decides
   * the branch, made with `defineCondition` (it may ask another system, so it runs as a step).
   */
  section?: 'action' | 'condition';
  icon?: string;
  config: C;
  /** Named branches. Default: success and failure. */
  outputs: readonly O[];
  /** Branch taken when `run` fails for good (default: "failure" when there is one). */
  failureOutput?: O;
  /** An action that contacts the customer: its channel and topic go through the delivery policy. */
  contacts?: { channel: Channel; topic: Topic; transactional?: boolean };
  /** Temporal retry policy for `run` (default 5 attempts, exponential from 1 s). */
  retry?: { maximumAttempts?: number; initialIntervalMs?: number };
  /** Start-to-close timeout of one attempt in ms (default 30 s). */
  timeoutMs?: number;
  /** Config fields that hold Liquid templates (checked for unknown variables). */
  templates?: (config: z.infer<C>) => Array<{ field: string; template: string }>;
  run(ctx: ActionRunContext, config: z.infer<C>): Promise<ActionResult<O>>;
  /** What the action would do, without doing it. Default: takes the first output. */
  simulate?(ctx: ActionSimulationContext, config: z.infer<C>): ActionResult<O>;
}

/** Thrown from `run` for a failure that retrying cannot fix: the failure output is taken at once. */
export class PermanentActionError extends Error {
  override readonly name = 'PermanentActionError';
}

export const ACTION_TYPE = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** Declares a custom action. Checks the declaration itself, so a mistake fails at start-up. */
export function defineAction<C extends z.ZodObject, const O extends string = 'success' | 'failure'>(
  def: Omit<ActionDefinition<C, O>, 'outputs'> & { outputs?: readonly O[] },
): ActionDefinition<C, O> {
  const outputs = (def.outputs ?? (['success', 'failure'] as unknown as readonly O[])) as readonly O[];
  if (!ACTION_TYPE.test(def.type)) throw new Error(`defineAction: type "${def.type}" must be dotted lower camel case, like "crm.followUp"`);
  if (outputs.length === 0) throw new Error(`defineAction(${def.type}): declare at least one output`);
  if (new Set(outputs).size !== outputs.length) throw new Error(`defineAction(${def.type}): outputs must be unique`);
  for (const o of outputs) {
    if (!/^[A-Za-z0-9_-]+$/.test(o)) throw new Error(`defineAction(${def.type}): output "${o}" may contain only letters, digits, "-" and "_"`);
  }
  const failureOutput = def.failureOutput ?? (outputs.includes('failure' as O) ? ('failure' as O) : undefined);
  if (def.version !== undefined && (!Number.isInteger(def.version) || def.version < 1)) throw new Error(`defineAction(${def.type}): version must be a whole number from 1`);
  if ((def.version ?? 1) > 1 && !def.migrate) throw new Error(`defineAction(${def.type}): version ${def.version} needs migrate(config, from) for journeys saved with older versions`);
  if (failureOutput !== undefined && !outputs.includes(failureOutput)) {
    throw new Error(`defineAction(${def.type}): failureOutput "${failureOutput}" is not one of its outputs`);
  }
  return { ...def, outputs, ...(failureOutput !== undefined ? { failureOutput } : {}) };
}
