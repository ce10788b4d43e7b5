/**
 * Runs one action node's effect through its activity. Sends go only through `sendMessage` (the
 * delivery path with the policy check); the other actions have their own activities.
 */
import { proxyActivities, ActivityFailure } from '@temporalio/workflow';
import type { JourneyActivities } from '../activities/types.js';
import { EFFECT_MAX_ATTEMPTS } from '../activities/types.js';
import type { EffectOutcome } from '../nodes/define.js';
import type { JourneyNode } from '../nodes/registry.js';
import { failureOutputOf } from '../nodes/action/custom.js';
import { actionOf } from '../plugins/registry.js';
import type { CustomerEvent } from '../rules/facts.js';

function effectActivities(timeoutMs: number) {
  return proxyActivities<JourneyActivities>({
    startToCloseTimeout: timeoutMs,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: EFFECT_MAX_ATTEMPTS },
  });
}

/** Bookkeeping activities (database only): retried until the database answers. */
export const records = proxyActivities<Pick<JourneyActivities, 'recordProgress' | 'loadProfile'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

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
}

export async function perform(node: JourneyNode, { timeoutMs, ...ctx }: EffectContext): Promise<EffectOutcome> {
  const effects = effectActivities(timeoutMs);
  try {
    switch (node.type) {
      case 'action.email':
      case 'action.sms':
      case 'action.push':
      case 'action.chat':
        return await effects.sendMessage({ ...ctx, node });
      case 'action.webhook':
        return await effects.callWebhook({ ...ctx, node });
      case 'action.updateAttribute':
        return await effects.updateAttribute({ ...ctx, node });
      case 'action.tag':
        return await effects.tagCustomer({ ...ctx, node });
      case 'action.assignRep':
        return await effects.assignRep({ ...ctx, node });
      case 'action.custom': {
        // Each custom action runs with its own declared retries and timeout.
        const def = actionOf(node.action);
        if (!def) return { output: 'failure', status: 'failed', reason: `no custom action "${node.action}" is registered on this worker` };
        const custom = proxyActivities<JourneyActivities>({
          startToCloseTimeout: def.timeoutMs ?? timeoutMs,
          retry: {
            initialInterval: def.retry?.initialIntervalMs ?? 1000,
            backoffCoefficient: 2,
            maximumInterval: '30 seconds',
            maximumAttempts: def.retry?.maximumAttempts ?? EFFECT_MAX_ATTEMPTS,
          },
        });
        return await custom.runCustomAction({ ...ctx, node });
      }
      default:
        return { output: 'next', status: 'skipped', reason: `no runtime effect for ${node.type}` };
    }
  } catch (err) {
    // Retries exhausted (e.g. the database stayed down): the customer continues, the step says why.
    if (err instanceof ActivityFailure) {
      const def = node.type === 'action.custom' ? actionOf(node.action) : undefined;
      const output = node.type === 'action.webhook' ? 'failure' : def ? failureOutputOf(def) : node.type === 'action.custom' ? 'failure' : 'next';
      return { output, status: 'failed', reason: `gave up after ${EFFECT_MAX_ATTEMPTS} attempts: ${err.cause?.message ?? err.message}` };
    }
    throw err;
  }
}
