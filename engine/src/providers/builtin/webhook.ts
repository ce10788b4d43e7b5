/**
 * Delivers messages by POSTing them, HMAC-signed (X-Cairn-Signature), to one URL (an in-house
 * sender, an SMS gateway bridge…), with the idempotency key in X-Cairn-Idempotency-Key. 4xx
 * answers are permanent failures; 5xx and network errors are retried.
 */
import { z } from 'zod';
import { signedFetch } from '../../delivery/http.js';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider } from '../define-provider.js';

/** The signing secret when WEBHOOK_SECRET is unset (development only; the logs say so). */
export const DEVELOPMENT_WEBHOOK_SECRET = 'cairn-development-secret';

export const webhookProviderDefinition = defineProvider({
  name: 'webhook',
  title: 'Signed webhook',
  description: 'POSTs each message, signed, to your own sender.',
  channels: ['email', 'sms', 'push', 'chat'],
  env: z.object({
    DELIVERY_WEBHOOK_URL: z.url({ error: 'DELIVERY_WEBHOOK_URL must be a URL' }),
    /** Signs outgoing webhooks (delivery and webhook actions); a development value when unset. */
    WEBHOOK_SECRET: z.string().optional(),
  }),
  settings: z.object({}),
  create: ({ env }) => webhookSender({ url: env.DELIVERY_WEBHOOK_URL, secret: env.WEBHOOK_SECRET || DEVELOPMENT_WEBHOOK_SECRET }),
});

export function webhookSender(opts: { url: string; secret: string; timeoutMs?: number }) {
  return {
    async send(message: OutboundMessage) {
      const res = await signedFetch({
        url: opts.url,
        method: 'POST',
        body: JSON.stringify(message),
        idempotencyKey: message.idempotencyKey,
        secret: opts.secret,
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      });
      if (res.ok) return { providerId: `webhook:${res.status}` };
      const why = `webhook answered ${res.status}: ${res.body.slice(0, 200)}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentSendError(why);
      throw new Error(why);
    },
  };
}
