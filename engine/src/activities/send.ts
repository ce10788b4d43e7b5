/** The send activity: a thin adapter from the workflow's effect to the delivery path. */
import { deliver, type DeliveryDeps } from '../delivery/deliver.js';
import type { EffectOutcome } from '../nodes/define.js';
import { isFinalAttempt } from './attempt.js';
import type { SendInput } from './types.js';

export function sendMessageActivity(deps: DeliveryDeps) {
  return async function sendMessage(input: SendInput): Promise<EffectOutcome> {
    const r = await deliver(deps, {
      idempotencyKey: input.idempotencyKey,
      customerId: input.customerId,
      node: input.node,
      journey: input.journey,
      workflowId: input.workflowId,
      finalAttempt: isFinalAttempt(),
      ...(input.event ? { event: input.event } : {}),
    });
    // Every outcome continues on `next`: a refused or failed send is an expected, recorded result.
    return {
      output: 'next',
      status: r.status,
      reason: r.reason,
      detail: { messageId: r.messageId, provider: r.provider, ...(r.replayed ? { replayed: true } : {}) },
    };
  };
}
