/** Action: call a webhook (HMAC-signed at run time); success and failure outputs. */
import { z } from 'zod';
import { defineNode, nodeBase } from '../define.js';

export const WebhookNode = z.object({
  ...nodeBase,
  type: z.literal('action.webhook'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET']).default('POST'),
  headers: z.record(z.string(), z.string()).default({}),
  /** Liquid template of the request body; empty sends the customer and event as JSON. */
  body: z.string().max(100_000).default(''),
});
export type WebhookNode = z.infer<typeof WebhookNode>;

/** The host a webhook calls ("hooks.example.com"), or the URL as typed when it does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export const callWebhook = defineNode({
  type: 'action.webhook',
  category: 'action',
  behaviour: 'effect',
  title: 'Call webhook',
  description: 'Calls another system over HTTP; continues on success or failure.',
  icon: 'webhook',
  schema: WebhookNode,
  create: (id) => ({
    id,
    type: 'action.webhook',
    position: { x: 0, y: 0 },
    url: 'https://example.com/hooks/cairn',
    method: 'POST',
    headers: {},
    body: '',
  }),
  summary: (n) => `${n.method} ${hostOf(n.url)}`,
  outputs: () => [
    { id: 'success', label: 'success' },
    { id: 'failure', label: 'failure' },
  ],
  effect: { failureOutput: () => 'failure' },
  templates: (n) => [{ field: 'body', template: n.body }],
  describeOutput: (_n, output) => (output.id === 'failure' ? 'customers whose webhook call fails' : 'customers whose webhook call succeeds'),
  sample: (id) => ({ id, type: 'action.webhook', url: 'https://example.com/hook' }),
  simulate: (n, ctx) => {
    try {
      const body = n.body ? ctx.render(n.body) : '(customer and event as JSON)';
      return { output: 'success', status: 'done', reason: `would ${n.method} ${n.url}`, detail: { body } };
    } catch (err) {
      return { output: 'failure', status: 'failed', reason: `template error: ${(err as Error).message}` };
    }
  },
});
