/** Activity-context helpers that also work when an activity function is called directly (tests). */
import { Context } from '@temporalio/activity';
import { EFFECT_MAX_ATTEMPTS } from './types.js';

/** Is this the last attempt the workflow's retry policy allows? Direct calls count as final. */
export function isFinalAttempt(): boolean {
  try {
    return Context.current().info.attempt >= EFFECT_MAX_ATTEMPTS;
  } catch {
    return true;
  }
}
