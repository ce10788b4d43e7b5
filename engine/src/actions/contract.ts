/**
 * The contract of a built-in non-message action (tag, update attribute, webhook, assign rep): the
 * same shape a plugin author fills with `defineAction`, for kinds that are part of the journey
 * model. The node definition (`engine/src/nodes/action/<kind>.ts`) holds the config schema, the
 * outputs and the `effect` policy (retries, timeout, failure output) the workflow and browser
 * read; the run, beside it in `<kind>.run.node.ts` (Node only: it touches the database), is
 * declared with `defineBuiltinAction`, listed once in `index.ts`, and performed by the one
 * generic `runAction` activity (`activities/action.ts`) under the step's idempotency key.
 */
import type { Db } from '@cairn/db';
import type { ProviderSource } from '../delivery/provider.js';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import type { BuiltinActionKind, NodeOf } from '@cairn/core/internal/nodes/registry';
import type { LinkConfig } from '../policy/links.node.js';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';

/** The worker's parts a built-in action may use (handed in by `createActivities`). */
export interface BuiltinActionDeps {
  db: Db;
  clock: { now(): number };
  providers: ProviderSource;
  /** The public links (task URLs in a rep's email); absent: relative links. */
  links?: () => Promise<LinkConfig>;
  /** Signs webhook requests (X-Cairn-Signature). */
  webhookSecret: string;
}

/** What `run` sees: the step, where it stands in its retries, and the worker's parts. */
export interface BuiltinActionContext {
  workflowId: string;
  /** workflowId:nodeId:visit, stable across retries of the step: pass it on to what deduplicates. */
  idempotencyKey: string;
  customerId: string;
  journey: { id: string; name: string };
  event?: CustomerEvent;
  /** The workflow clock when the step was asked for (epoch ms). */
  at?: number;
  /** 1 on the first try. */
  attempt: number;
  /**
   * The last attempt the kind's retry policy allows (and any direct call, in tests): report the
   * failure as an outcome instead of throwing, or the step gives up without saying why.
   */
  finalAttempt: boolean;
  deps: BuiltinActionDeps;
}

export interface BuiltinAction<K extends BuiltinActionKind> {
  kind: K;
  /**
   * Performs the step. Throw to be retried (Temporal, by the kind's `effect.retry`); return an
   * outcome with the kind's failure output for a failure retrying cannot fix. Must be idempotent
   * under `ctx.idempotencyKey`: an attempt can run again after its effect landed.
   */
  run(ctx: BuiltinActionContext, node: NodeOf<K>): Promise<EffectOutcome>;
}

/** Declares the run of a built-in action kind (identity: keeps the kind's node type for `run`). */
export function defineBuiltinAction<K extends BuiltinActionKind>(def: BuiltinAction<K>): BuiltinAction<K> {
  return def;
}
