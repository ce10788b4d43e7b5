/**
 * Runs one action node's effect through its activity. Sends go only through `sendMessage` (the
 * delivery path with the policy check); the built-in non-message actions through `runAction`
 * (engine/src/actions), with the retries their node definition declares; custom actions through
 * `runCustomAction`, with theirs.
 */
import { proxyActivities, proxyLocalActivities, ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { JourneyActivities, ProgressInput } from '../activities/types.js';
import { EFFECT_MAX_ATTEMPTS } from '../activities/types.js';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import type { BuiltinActionKind, EffectKind, JourneyNode, NodeOf } from '@cairn/core/internal/nodes/registry';
import { actionOf, effectPolicyOf, failureOutputOf } from './core.js';
import type { Patches } from './patches.js';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';

function effectActivities(timeoutMs: number) {
  return proxyActivities<JourneyActivities>({
    startToCloseTimeout: timeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: EFFECT_MAX_ATTEMPTS },
  });
}

/**
 * Bookkeeping (database only, idempotent, quick): local activities, run by the worker inside the
 * workflow task that asks for them, so they cost no activity task round trip through the server
 * (and one marker event instead of three history events). Retried until the database answers.
 */
const bookkeepingOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
type Bookkeeping = Pick<JourneyActivities, 'recordProgress' | 'loadProfile'>;
const localRecords = proxyLocalActivities<Bookkeeping>(bookkeepingOptions);
/** The same calls as ordinary activities: what runs started before LOCAL_BOOKKEEPING recorded. */
const remoteRecords = proxyActivities<Bookkeeping>(bookkeepingOptions);

/**
 * The patch id of local bookkeeping. Runs whose history predates it (recorded histories, and any
 * run started by older code) keep the earlier command sequence: bookkeeping as activities, a
 * progress record at every wait, and no activity for a custom action this worker does not know.
 */
export const LOCAL_BOOKKEEPING = 'cairn-local-bookkeeping';

export function recordsFor(local: boolean): Bookkeeping {
  return local ? localRecords : remoteRecords;
}

export interface EffectContext {
  workflowId: string;
  idempotencyKey: string;
  customerId: string;
  journey: { id: string; name: string };
  event?: CustomerEvent;
  /** The workflow clock when the effect was asked for (sends are judged at it). */
  at?: number;
  /** The journey's time zone (the delivery policy's fallback for quiet hours). */
  journeyTimeZone?: string;
  /** Start-to-close timeout of the activity (ms). */
  timeoutMs: number;
  /** The enrolment's progress up to this step: the activity records it with its effect. */
  progress?: ProgressInput;
}

type Effects = ReturnType<typeof effectActivities>;
type Ctx = Omit<EffectContext, 'timeoutMs'>;

/** How the workflow performs one kind of effect, and which output a kind takes when it gives up. */
interface EffectRunner<K extends EffectKind> {
  run(node: NodeOf<K>, ctx: Ctx, effects: Effects, timeoutMs: number, legacy: boolean): Promise<EffectOutcome>;
  /** The output followed when the activity's retries are exhausted. */
  failureOutput(node: NodeOf<K>): string;
  /** How many attempts the activity gets (default EFFECT_MAX_ATTEMPTS), for the trace's words. */
  attempts?(node: NodeOf<K>): number;
}

/**
 * The patch id of the actions contract: built-in non-message actions run through the one
 * `runAction` activity, with the retry policy of their node definition's `effect`. Asked only
 * when a run reaches such an action, so runs without one carry no marker; a run whose history
 * did one the old way (its own activity per kind: LEGACY_ACTIONS) keeps doing so.
 */
export const ACTIONS_CONTRACT = 'cairn-actions-contract';

/** A built-in action's declared policy (every `BuiltinActionKind` has one: the registry's type says so). */
function policyOf(node: NodeOf<BuiltinActionKind>) {
  const policy = effectPolicyOf(node.type);
  if (!policy) throw ApplicationFailure.nonRetryable(`node ${node.id} (${node.type}) declares no effect policy`);
  return policy;
}

/** Every built-in non-message action: the one generic activity, under the kind's declared policy. */
const builtinAction: EffectRunner<BuiltinActionKind> = {
  run(node, ctx, _effects, timeoutMs) {
    const policy = policyOf(node);
    const activities = proxyActivities<JourneyActivities>({
      startToCloseTimeout: policy.timeoutMs ?? timeoutMs,
      retry: {
        initialInterval: policy.retry?.initialIntervalMs ?? 1000,
        backoffCoefficient: 2,
        maximumInterval: '30 seconds',
        maximumAttempts: policy.retry?.maximumAttempts ?? EFFECT_MAX_ATTEMPTS,
      },
    });
    return activities.runAction({ ...ctx, node });
  },
  failureOutput: (node) => policyOf(node).failureOutput(node),
  attempts: (node) => policyOf(node).retry?.maximumAttempts ?? EFFECT_MAX_ATTEMPTS,
};

/**
 * The built-in actions as runs from before ACTIONS_CONTRACT performed them: one activity per
 * kind, under the common retry policy. Frozen: a new built-in action never gets an entry here.
 */
const LEGACY_ACTIONS: { [K in 'action.webhook' | 'action.updateAttribute' | 'action.tag' | 'action.assignRep']: EffectRunner<K> } = {
  'action.webhook': { run: (node, ctx, effects) => effects.callWebhook({ ...ctx, node }), failureOutput: () => 'failure' },
  'action.updateAttribute': { run: (node, ctx, effects) => effects.updateAttribute({ ...ctx, node }), failureOutput: () => 'next' },
  'action.tag': { run: (node, ctx, effects) => effects.tagCustomer({ ...ctx, node }), failureOutput: () => 'next' },
  'action.assignRep': { run: (node, ctx, effects) => effects.assignRep({ ...ctx, node }), failureOutput: (node) => (node.waitForOutcome ? 'timeout' : 'next') },
};

/** Every message kind goes through the one delivery activity (policy and idempotency claim). */
const send = <K extends 'action.email' | 'action.sms' | 'action.push' | 'action.chat'>(): EffectRunner<K> => ({
  run: (node, ctx, effects) => effects.sendMessage({ ...ctx, node }),
  failureOutput: () => 'next',
});

/**
 * The effect table: one entry per effect kind of the node registry that is not a built-in action
 * (those all take `builtinAction`, and their runs are the actions table, engine/src/actions, keyed
 * by kind). A new action kind that is neither declared with an `effect` policy nor given an entry
 * here is a compile error, never a step silently skipped in production while the simulator shows
 * it done (the old `default:` branch of a switch).
 */
export const EFFECTS: { [K in Exclude<EffectKind, BuiltinActionKind>]: EffectRunner<K> } = {
  'action.email': send(),
  'action.sms': send(),
  'action.push': send(),
  'action.chat': send(),
  'action.custom': {
    async run(node, ctx, _effects, timeoutMs, legacy) {
      // Each custom action runs with its own declared retries and timeout. An action this worker
      // does not know still goes to the activity, which answers with the failure (and records the
      // progress the step carries); runs from before LOCAL_BOOKKEEPING answered it here.
      const def = actionOf(node.action);
      if (!def && legacy) return { output: 'failure', status: 'failed', reason: `no custom action "${node.action}" is registered on this worker` };
      const custom = proxyActivities<JourneyActivities>({
        startToCloseTimeout: def?.timeoutMs ?? timeoutMs,
        retry: {
          initialInterval: def?.retry?.initialIntervalMs ?? 1000,
          backoffCoefficient: 2,
          maximumInterval: '30 seconds',
          maximumAttempts: def?.retry?.maximumAttempts ?? EFFECT_MAX_ATTEMPTS,
        },
      });
      return custom.runCustomAction({ ...ctx, node });
    },
    failureOutput: (node) => {
      const def = actionOf(node.action);
      return def ? failureOutputOf(def) : 'failure';
    },
  },
};

type AnyRunner = EffectRunner<EffectKind>;

function runnerOf(node: JourneyNode, patches: Patches): AnyRunner {
  const runner = (EFFECTS as Partial<Record<string, AnyRunner>>)[node.type];
  if (runner) return runner;
  if (effectPolicyOf(node.type)) {
    // Asked here, at the first built-in action of a run (and remembered by the SDK for the rest
    // of it): a history that did one the old way replays the old way.
    const legacy = (LEGACY_ACTIONS as Partial<Record<string, AnyRunner>>)[node.type];
    return legacy && !patches(ACTIONS_CONTRACT) ? legacy : (builtinAction as AnyRunner);
  }
  // Only effect states reach here (compile tags them from the registry): anything else is a bug
  // to surface, not a step to skip.
  throw ApplicationFailure.nonRetryable(`node ${node.id} (${node.type}) is not an action the runtime performs`);
}

export interface Performed {
  outcome: EffectOutcome;
  /** The activity completed, so the progress it carried is recorded; otherwise it may not be. */
  completed: boolean;
}

export async function perform(node: JourneyNode, { timeoutMs, ...ctx }: EffectContext, patches: Patches, legacy = false): Promise<Performed> {
  const runner = runnerOf(node, patches);
  try {
    // Every runner calls exactly one activity (a legacy run's unknown custom action excepted;
    // legacy runs hand effects no progress): resolving means that activity completed.
    return { outcome: await runner.run(node as NodeOf<EffectKind>, ctx, effectActivities(timeoutMs), timeoutMs, legacy), completed: true };
  } catch (err) {
    // Retries exhausted (e.g. the database stayed down): the customer continues, the step says why.
    if (err instanceof ActivityFailure) {
      const attempts = runner.attempts?.(node as NodeOf<EffectKind>) ?? EFFECT_MAX_ATTEMPTS;
      const outcome = { output: runner.failureOutput(node as NodeOf<EffectKind>), status: 'failed', reason: `gave up after ${attempts} attempts: ${err.cause?.message ?? err.message}` };
      return { outcome, completed: false };
    }
    throw err;
  }
}
