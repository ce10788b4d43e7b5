/**
 * The webhook action: an HMAC-signed request to the node's URL. 2xx takes `success`; 4xx takes
 * `failure` at once; 5xx, 429 and network errors are retried by Temporal, and the last attempt
 * takes `failure`. The idempotency key travels in X-Cairn-Idempotency-Key.
 */
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { signedFetch } from '../delivery/http.js';
import type { Db } from '@cairn/db';
import { loadLiveCustomer } from '../customer/live.js';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import { isFinalAttempt } from './attempt.js';
import type { WebhookInput } from './types.js';

export function callWebhookActivity(deps: { db: Db; webhookSecret: string }) {
  return async function callWebhook(input: WebhookInput): Promise<EffectOutcome> {
    const customer = await loadLiveCustomer(deps.db, input.customerId);
    const attributes = (customer?.attributes ?? {}) as Record<string, unknown>;
    // The surviving id when the journey's customer was merged into another profile.
    const customerId = customer?.id ?? input.customerId;
    let body: string;
    try {
      body = input.node.body
        ? renderTemplate(input.node.body, renderScope(customerId, attributes, input.event, input.journey))
        : JSON.stringify({ customer: { id: customerId, attributes }, event: input.event ?? null, journey: input.journey, node: input.node.id });
    } catch (err) {
      return { output: 'failure', status: 'failed', reason: `template error in body: ${(err as Error).message}` };
    }
    let res;
    try {
      res = await signedFetch({
        url: input.node.url,
        method: input.node.method,
        headers: input.node.headers,
        body,
        idempotencyKey: input.idempotencyKey,
        secret: deps.webhookSecret,
      });
    } catch (err) {
      if (isFinalAttempt()) return { output: 'failure', status: 'failed', reason: `${input.node.method} ${input.node.url} failed: ${(err as Error).message}` };
      throw err;
    }
    const reason = `${input.node.method} ${input.node.url} answered ${res.status}`;
    if (res.ok) return { output: 'success', status: 'done', reason, detail: { status: res.status } };
    const retryable = res.status >= 500 || res.status === 429;
    if (retryable && !isFinalAttempt()) throw new Error(reason);
    return { output: 'failure', status: 'failed', reason, detail: { status: res.status, body: res.body.slice(0, 500) } };
  };
}
