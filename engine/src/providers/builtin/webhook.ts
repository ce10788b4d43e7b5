/**
 * Delivers messages by POSTing them, HMAC-signed, to one URL (an in-house sender, an SMS gateway
 * bridge…). 4xx answers are permanent failures; 5xx and network errors are retried.
 */
import { signedFetch } from './http.js';
import { PermanentSendError, type Provider } from './provider.js';

export function webhookProvider(opts: { url: string; secret: string; timeoutMs?: number }): Provider {
  return {
    name: 'webhook',
    async send(message) {
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
