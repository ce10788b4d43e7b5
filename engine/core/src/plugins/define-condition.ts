/**
 * Custom conditions: a step that only decides which branch a customer takes, written by an
 * engineer in one file, like an action. It may ask another system (a scoring service, a CRM),
 * so it runs as a step of the journey (an activity with a deadline), not inside the pure
 * compiled machine; when the answer does not come in time, or the call fails, the customer takes
 * the declared fallback branch at once and the trace says why. Register it with
 * `registerAction` (or a line in `actions/index.ts`): the palette lists it under Conditions.
 *
 * @example
 * export const leadScore = defineCondition({
 *   type: 'score.lead',
 *   title: 'Lead score',
 *   description: 'Asks the scoring service; high or low by a threshold.',
 *   config: z.object({ url: z.url(), threshold: z.number().default(70) }),
 *   outputs: ['high', 'low', 'unknown'],
 *   fallbackOutput: 'unknown',
 *   timeoutMs: 2000,
 *   async decide(ctx, config) {
 *     const res = await ctx.fetch(config.url, { method: 'POST', body: JSON.stringify(ctx.customer), signal: ctx.signal });
 *     const { score } = await res.json();
 *     return score >= config.threshold ? { output: 'high' } : { output: 'low' };
 *   },
 * });
 */
import type { z } from 'zod';
import type { VersionedConfig } from './config-version.js';
import type { ActionDefinition, ActionRunContext, ActionSimulationContext } from './define-action.js';
import { defineAction } from './define-action.js';

/** What `decide` sees: the action context, and a signal aborted when the deadline passes. */
export interface ConditionContext extends Omit<ActionRunContext, 'claimUnique'> {
  /** Aborted at the condition's deadline: pass it to `fetch` so the call stops too. */
  signal: AbortSignal;
}

/** A custom condition's answer: the output taken and why. */
export interface Decision<O extends string> {
  output: O;
  /** Shown in the trace ("score 82, at least 70"). */
  reason?: string;
}

/** A custom condition as `defineCondition` returns it: config schema, outputs and the decision. */
export interface ConditionDefinition<C extends z.ZodObject, O extends string> extends VersionedConfig {
  /** Unique, dotted lower-case, e.g. "score.lead". */
  type: string;
  title: string;
  description: string;
  /** The palette group under Conditions (default "Custom conditions"). */
  category?: string;
  icon?: string;
  config: C;
  /** The branches, e.g. ['high', 'low', 'unknown']. */
  outputs: readonly O[];
  /** The branch taken when no answer comes in time or the call fails. */
  fallbackOutput: NoInfer<O>;
  /** How long the customer may wait for the answer (ms, default 3,000, at most 60,000). */
  timeoutMs?: number;
  templates?: (config: z.infer<C>) => Array<{ field: string; template: string }>;
  decide(ctx: ConditionContext, config: z.infer<C>): Promise<Decision<O>>;
  /** The branch in simulation (no I/O). Default: the fallback, saying the service is not asked. */
  simulate?(ctx: ActionSimulationContext, config: z.infer<C>): Decision<O>;
}

export const DEFAULT_CONDITION_TIMEOUT_MS = 3000;

/** Declares a custom condition. Checks the declaration, so a mistake fails at start-up. */
export function defineCondition<C extends z.ZodObject, const O extends string>(def: ConditionDefinition<C, O>): ActionDefinition<C, O> {
  const deadline = def.timeoutMs ?? DEFAULT_CONDITION_TIMEOUT_MS;
  if (!Number.isInteger(deadline) || deadline < 1 || deadline > 60_000) throw new Error(`defineCondition(${def.type}): timeoutMs must be 1 to 60000`);
  if (def.outputs.length < 2) throw new Error(`defineCondition(${def.type}): a condition needs at least two branches`);
  if (!def.outputs.includes(def.fallbackOutput)) throw new Error(`defineCondition(${def.type}): fallbackOutput "${def.fallbackOutput}" is not one of its outputs`);
  const fallback = (why: string): Decision<O> => ({ output: def.fallbackOutput, reason: `${why}: took “${def.fallbackOutput}”` });
  return defineAction<C, O>({
    type: def.type,
    title: def.title,
    description: def.description,
    section: 'condition',
    category: def.category ?? 'Custom conditions',
    icon: def.icon ?? 'help-circle',
    config: def.config,
    outputs: def.outputs,
    failureOutput: def.fallbackOutput,
    ...(def.version !== undefined ? { version: def.version } : {}),
    ...(def.migrate ? { migrate: def.migrate } : {}),
    ...(def.templates ? { templates: def.templates } : {}),
    // A second attempt only when the worker itself failed mid-call; the activity's own deadline
    // leaves room for the decision's.
    retry: { maximumAttempts: 2, initialIntervalMs: 500 },
    timeoutMs: deadline + 5000,
    async run(ctx, config) {
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<Decision<O>>((resolve) => {
        timer = setTimeout(() => {
          controller.abort(new Error('deadline'));
          resolve(fallback(`${def.title} did not answer within ${deadline / 1000} s`));
        }, deadline);
      });
      const { claimUnique: _unused, ...rest } = ctx;
      const asked = def.decide({ ...rest, signal: controller.signal }, config).then(
        (d) => (def.outputs.includes(d.output) ? d : fallback(`${def.title} answered with “${String(d.output)}”, not one of its branches`)),
        (err: unknown) => fallback(`${def.title} failed (${(err as Error).message})`),
      );
      try {
        return await Promise.race([asked, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    simulate: (ctx, config) => (def.simulate ? def.simulate(ctx, config) : fallback(`${def.title} is not asked in a simulation`)),
  });
}
