/**
 * The webhook signing secret from the settings. Which provider carries each channel (SMTP_URL,
 * DELIVERY_WEBHOOK_URL, TWILIO_*, or the Channels page) is decided in engine/src/providers/channels.ts.
 */
import { DEVELOPMENT_WEBHOOK_SECRET } from '../providers/builtin/webhook.js';

/** The signing secret; a fixed development value when unset (say so in the logs, not in errors). */
export function webhookSecret(env: { WEBHOOK_SECRET?: string | undefined }): string {
  return env.WEBHOOK_SECRET || DEVELOPMENT_WEBHOOK_SECRET;
}
