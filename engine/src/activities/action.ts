/**
 * `runAction`: the one activity behind every built-in non-message action (engine/src/actions).
 * It finds the kind's run in the actions table and hands it the step, its attempt and the
 * worker's parts. The kind's retry policy (its node definition's `effect`) is applied by the
 * workflow when it schedules this activity; here it only tells `run` which attempt is the last.
 */
import { Context } from '@temporalio/activity';
import { BUILTIN_ACTIONS, type BuiltinAction, type BuiltinActionDeps } from '../actions/index.js';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import { effectPolicyOf, type BuiltinActionKind } from '@cairn/core/internal/nodes/registry';
import { EFFECT_MAX_ATTEMPTS, type ActionInput } from './types.js';

/** The attempt of the running activity; undefined when called directly (tests). */
function currentAttempt(): number | undefined {
  try {
    return Context.current().info.attempt;
  } catch {
    return undefined;
  }
}

/** The `runAction` activity over the worker's parts. */
export function runActionActivity(deps: BuiltinActionDeps) {
  return async function runAction(input: ActionInput): Promise<EffectOutcome> {
    const { node, progress: _progress, ...step } = input;
    const action = (BUILTIN_ACTIONS as Partial<Record<string, BuiltinAction<BuiltinActionKind>>>)[node.type];
    if (!action) throw new Error(`node ${node.id} (${node.type}) is not a built-in action this worker runs`);
    const maximumAttempts = effectPolicyOf(node.type)?.retry?.maximumAttempts ?? EFFECT_MAX_ATTEMPTS;
    const attempt = currentAttempt();
    // A direct call counts as the last attempt: the outcome says what failed instead of a throw.
    const ctx = { ...step, attempt: attempt ?? 1, finalAttempt: attempt === undefined || attempt >= maximumAttempts, deps };
    return action.run(ctx, node as never);
  };
}
