/**
 * SMS through Twilio, with the official SDK (`twilio`): Programmable Messaging's Messages
 * resource to send, its status callbacks to mark messages delivered or failed, and inbound
 * messages for STOP / START / HELP. Every inbound request is checked with the SDK's
 * `validateRequest` (X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted form fields, keyed
 * by the auth token) before anything changes.
 *
 * Twilio's Messages API takes no idempotency key, so a repeat after a crash between "Twilio took
 * it" and "recorded" cannot be dropped by Twilio; the status callback URL carries the message
 * row's id, so its receipt finds the row even when the crash lost the Twilio SID.
 */
import type twilioSdk from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { parseSmsKeyword } from '@cairn/core/internal/policy/sms-keywords';
import { defineProvider, type InboundRequest, type InboundReply } from '../define-provider.js';

const TwilioEnv = z.object({
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'TWILIO_ACCOUNT_SID must be "AC" and 32 hex digits (Twilio Console, Account Info)'),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'TWILIO_AUTH_TOKEN must be the account auth token (32 characters)'),
  /** The default sender when the Channels page has none: an E.164 number or a Messaging Service SID (MG…). */
  TWILIO_FROM: z.string().optional(),
  /**
   * Another base URL for Twilio's REST API (default https://api.twilio.com): a gateway that speaks
   * Twilio's API, or a local stand-in in tests.
   */
  TWILIO_API_URL: z.url({ error: 'TWILIO_API_URL must be a URL' }).optional(),
});
type TwilioEnv = z.infer<typeof TwilioEnv>;

const DEFAULT_HELP = 'Reply STOP to stop receiving messages, START to receive them again.';

export const twilioProviderDefinition = defineProvider({
  name: 'twilio',
  title: 'Twilio',
  description: 'SMS through Twilio Programmable Messaging, with delivery receipts and STOP / START / HELP.',
  channels: ['sms'],
  env: TwilioEnv,
  settings: z.object({
    from: z
      .string()
      .regex(/^(\+[1-9]\d{4,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/, 'an E.164 number (+84…), a Messaging Service SID (MG…) or an alphanumeric sender id'),
    helpText: z.string().min(1).max(320).default(DEFAULT_HELP),
  }),
  settingsFromEnv: (env) => (env.TWILIO_FROM ? { from: env.TWILIO_FROM } : {}),
  async create({ env, settings, inboundUrl }) {
    const { default: twilio } = await import('twilio');
    const client = twilio(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_API_URL ? { httpClient: rebasedClient(twilio.RequestClient, env.TWILIO_API_URL) } : {});
    const sender = settings.from.startsWith('MG') ? { messagingServiceSid: settings.from } : { from: settings.from };
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'sms') throw new PermanentSendError(`Twilio carries SMS only, not ${message.channel}`);
        const callback = new URL(inboundUrl('status'));
        if (message.messageId) callback.searchParams.set('m', message.messageId);
        try {
          const sent = await client.messages.create({ to: message.to, body: message.content.body ?? '', statusCallback: callback.href, ...sender });
          return { providerId: sent.sid };
        } catch (err) {
          const e = err as { status?: number; code?: number; message: string };
          // 4xx: a bad number, an unverified sender, a blocked recipient (21610: they replied STOP to Twilio).
          if (e.status && e.status >= 400 && e.status < 500 && e.status !== 429) throw new PermanentSendError(`Twilio ${e.status}${e.code ? ` (${e.code})` : ''}: ${e.message}`);
          throw err;
        }
      },
    };
  },
  inbound: {
    /** Status callbacks (StatusCallback of each message): delivered, undelivered, failed. */
    status: {
      verify: (req, env) => validTwilioRequest(req, env),
      async handle(req, ctx) {
        const status = req.form.MessageStatus;
        const providerId = req.form.MessageSid;
        const messageId = new URL(req.url).searchParams.get('m') ?? undefined;
        if (status === 'delivered') await ctx.receipt({ ...(providerId ? { providerId } : {}), ...(messageId ? { messageId } : {}), status: 'delivered' });
        else if (status === 'undelivered' || status === 'failed') {
          const code = req.form.ErrorCode ? ` (error ${req.form.ErrorCode})` : '';
          await ctx.receipt({ ...(providerId ? { providerId } : {}), ...(messageId ? { messageId } : {}), status: 'failed', reason: `Twilio: ${status}${code}` });
        }
        return twiml('');
      },
    },
    /** Incoming messages (the number's "A message comes in" webhook): STOP, START, HELP, and replies as events. */
    incoming: {
      verify: (req, env) => validTwilioRequest(req, env),
      async handle(req, ctx) {
        const from = req.form.From ?? '';
        const body = req.form.Body ?? '';
        const keyword = parseSmsKeyword(body);
        const sid = req.form.MessageSid;
        const action = { channel: 'sms' as const, address: from, source: 'sms-stop', note: `"${body.slice(0, 40)}" via Twilio`, ...(keyword ? { keyword: keyword.keyword } : {}), ...(sid ? { ref: sid } : {}) };
        if (keyword?.kind === 'stop') await ctx.optOut(action);
        else if (keyword?.kind === 'start') await ctx.optIn(action);
        else if (keyword?.kind === 'help') return twiml(`<Message>${escapeXml(ctx.settings?.helpText ?? DEFAULT_HELP)}</Message>`);
        else if (sid && body.trim()) await ctx.replied({ channel: 'sms', address: from, text: body.slice(0, 1600), ref: sid });
        return twiml('');
      },
    },
  },
});

/** The SDK's own check of X-Twilio-Signature over the URL Twilio called and the form fields. */
async function validTwilioRequest(req: InboundRequest, env: TwilioEnv): Promise<boolean> {
  const signature = req.headers['x-twilio-signature'];
  if (!signature || req.method !== 'POST') return false;
  // Imported on use: the SDK is large, and only processes that use Twilio pay for it.
  const { default: twilio } = await import('twilio');
  return twilio.validateRequest(env.TWILIO_AUTH_TOKEN, signature, req.url, req.form);
}

function twiml(inner: string): InboundReply {
  return { status: 200, contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>` };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SDK's HTTP client, sending to `base` instead of https://api.twilio.com (same paths). */
function rebasedClient(Base: typeof twilioSdk.RequestClient, base: string): RequestClient {
  const target = new URL(base);
  class Rebased extends Base {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      const uri = new URL(opts.uri);
      uri.protocol = target.protocol;
      uri.host = target.host;
      uri.pathname = `${target.pathname.replace(/\/$/, '')}${uri.pathname}`;
      return super.request<T>({ ...opts, uri: uri.href });
    }
  }
  return new Rebased();
}
