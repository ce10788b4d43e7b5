/**
 * Providers from the environment: log by default; `SMTP_URL` sends email over SMTP;
 * `DELIVERY_WEBHOOK_URL` sends the other channels (and email without SMTP) to a signed webhook.
 */
import { allChannels, logProvider, type Provider, type Providers } from './provider.js';
import { smtpProvider } from './smtp-provider.js';
import { webhookProvider } from './webhook-provider.js';

export interface DeliveryEnv {
  SMTP_URL?: string | undefined;
  SMTP_FROM?: string | undefined;
  DELIVERY_WEBHOOK_URL?: string | undefined;
  /** Secret for X-Cairn-Signature on every outgoing webhook (delivery and webhook actions). */
  WEBHOOK_SECRET?: string | undefined;
}

export function providersFromEnv(env: DeliveryEnv): Providers {
  const providers = allChannels(logProvider);
  let hook: Provider | undefined;
  if (env.DELIVERY_WEBHOOK_URL) {
    hook = webhookProvider({ url: env.DELIVERY_WEBHOOK_URL, secret: webhookSecret(env) });
    Object.assign(providers, allChannels(hook));
  }
  if (env.SMTP_URL) providers.email = smtpProvider({ url: env.SMTP_URL, from: env.SMTP_FROM || 'Cairn <no-reply@cairn.local>' });
  return providers;
}

/** The signing secret; a fixed development value when unset (say so in the logs, not in errors). */
export function webhookSecret(env: DeliveryEnv): string {
  return env.WEBHOOK_SECRET || 'cairn-development-secret';
}
