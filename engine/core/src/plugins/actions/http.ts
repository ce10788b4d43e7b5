/** Shared by the HTTP-based actions: POST JSON, and sort failures into retryable and permanent. */
import type { ActionRunContext } from '../define-action.js';
import { PermanentActionError } from '../define-action.js';

/** Posts JSON; 4xx (but 408/429) is permanent, 5xx and network errors are retried. */
export async function postJson(ctx: ActionRunContext, url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await ctx.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cairn-idempotency-key': ctx.idempotencyKey, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    const msg = `${url} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentActionError(msg);
    throw new Error(msg);
  }
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return { body: text };
  }
}
