/** The send activity: a thin adapter from the workflow's effect to the delivery path. */
import { deliver, type DeliveryDeps } from '../delivery/deliver.js';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import { isFinalAttempt } from './attempt.js';
import { writeProgress } from './progress.js';
import type { SendInput } from './types.js';

export function sendMessageActivity(deps: DeliveryDeps) {
  return async function sendMessage(input: SendInput): Promise<EffectOutcome> {
    const { progress } = input;
    const r = await deliver(deps, {
      idempotencyKey: input.idempotencyKey,
      customerId: input.customerId,
      node: input.node,
      journey: input.journey,
      workflowId: input.workflowId,
      finalAttempt: isFinalAttempt(),
      ...(input.event ? { event: input.event } : {}),
      ...(input.at !== undefined ? { at: input.at } : {}),
      ...(input.journeyTimeZone ? { journeyTimeZone: input.journeyTimeZone } : {}),
      // The steps that led to this send commit with its idempotency claim: one transaction.
      ...(progress ? { alongside: (tx) => writeProgress(tx, progress) } : {}),
    });
    // Every outcome continues on `next`: a refused or failed send is an expected, recorded result.
    // `deferred` (quiet hours, a deferring cap) carries `until`: the workflow sleeps, then retries this step.
    return {
      output: 'next',
      status: r.status,
      reason: r.reason,
      detail: {
        messageId: r.messageId,
        provider: r.provider,
        ...(r.replayed ? { replayed: true } : {}),
        ...(r.code ? { code: r.code } : {}),
        ...(r.until !== undefined ? { until: r.until } : {}),
      },
    };
  };
}
