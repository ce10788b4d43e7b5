/**
 * The webhook action: an HMAC-signed request to the node's URL (its node: webhook.ts).
 * 2xx takes `success`; 4xx takes `failure` at once; 5xx, 429 and network errors are retried, and
 * the last attempt takes `failure`. The idempotency key travels in X-Cairn-Idempotency-Key.
 */
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { loadLiveCustomer } from '../../customer/live.js';
import { signedFetch } from '../../delivery/http.js';
import { defineBuiltinAction } from '../../actions/contract.js';

/** The run of `action.webhook`: the signed request, with its retry rules by status. */
export const webhookAction = defineBuiltinAction({
  kind: 'action.webhook',
  async run(ctx, node) {
    const customer = await loadLiveCustomer(ctx.deps.db, ctx.customerId);
    const attributes = (customer?.attributes ?? {}) as Record<string, unknown>;
    // The surviving id when the journey's customer was merged into another profile.
    const customerId = customer?.id ?? ctx.customerId;
    let body: string;
    try {
      body = node.body
        ? renderTemplate(node.body, renderScope(customerId, attributes, ctx.event, ctx.journey))
        : JSON.stringify({ customer: { id: customerId, attributes }, event: ctx.event ?? null, journey: ctx.journey, node: node.id });
    } catch (err) {
      return { output: 'failure', status: 'failed', reason: `template error in body: ${(err as Error).message}` };
    }
    let res;
    try {
      res = await signedFetch({ url: node.url, method: node.method, headers: node.headers, body, idempotencyKey: ctx.idempotencyKey, secret: ctx.deps.webhookSecret });
    } catch (err) {
      if (ctx.finalAttempt) return { output: 'failure', status: 'failed', reason: `${node.method} ${node.url} failed: ${(err as Error).message}` };
      throw err;
    }
    const reason = `${node.method} ${node.url} answered ${res.status}`;
    if (res.ok) return { output: 'success', status: 'done', reason, detail: { status: res.status } };
    const retryable = res.status >= 500 || res.status === 429;
    if (retryable && !ctx.finalAttempt) throw new Error(reason);
    return { output: 'failure', status: 'failed', reason, detail: { status: res.status, body: res.body.slice(0, 500) } };
  },
});
