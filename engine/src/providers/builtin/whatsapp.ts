/**
 * Chat through the WhatsApp Cloud API (Meta's Graph API), over its documented HTTP API:
 * `POST https://graph.facebook.com/<version>/<phone-number-id>/messages` with a bearer token,
 * `{ messaging_product: "whatsapp", to, type: "text", text: { body } }`, or, when a template is
 * set on the Channels page, `type: "template"` with the step's text as the body's parameter
 * {{1}} (a business may start a conversation only with an approved template; free text is
 * accepted within 24 hours of the customer's last message). The answer's `messages[0].id`
 * ("wamid.…") is the provider id.
 *
 * Every message carries the row's id in `biz_opaque_callback_data`, which Meta echoes in its
 * status webhooks, so receipts find the row even when a crash lost the wamid. The Cloud API takes
 * no idempotency key: a repeat after a crash is sent again.
 *
 * Errors: Graph answers 4xx with `error.code`. Rate limits (4, 80007, 130429, 131048, 131056) and
 * Meta's own trouble (1, 2, 131000, 131016, 5xx) are retried; the rest (190 expired token,
 * 131026 undeliverable, 131047 outside the 24-hour window, 132001 no such template…) fail.
 *
 * The webhook (`…/v1/providers/whatsapp/events`, the app's WhatsApp → Configuration): Meta's GET
 * handshake (`hub.mode=subscribe`, `hub.verify_token`, echo `hub.challenge`), then events signed
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. Statuses `delivered`
 * and `failed` become receipts (131050, "stopped receiving marketing messages", is also a chat
 * suppression); an incoming text STOP / START (the SMS keywords) suppresses or lifts the chat
 * address, any other text is "Message Replied".
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { parseSmsKeyword } from '@cairn/core/internal/policy/sms-keywords';
import { defineProvider, type InboundReply, type InboundRequest } from '../define-provider.js';

const WhatsAppEnv = z.object({
  /** A System User access token with whatsapp_business_messaging (Meta Business Settings). */
  WHATSAPP_ACCESS_TOKEN: z.string().min(20, 'WHATSAPP_ACCESS_TOKEN must be a Meta access token (System User, whatsapp_business_messaging)'),
  /** The Meta app's secret: signs webhook events (X-Hub-Signature-256). Without it, events are refused. */
  WHATSAPP_APP_SECRET: z.string().min(16, 'WHATSAPP_APP_SECRET must be the Meta app secret').optional(),
  /** The verify token typed into the webhook's configuration (Meta's GET handshake). */
  WHATSAPP_VERIFY_TOKEN: z.string().min(8, 'WHATSAPP_VERIFY_TOKEN: at least 8 characters').optional(),
  /** The default sending number's id when the Channels page has none. */
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{5,25}$/, 'WHATSAPP_PHONE_NUMBER_ID must be the phone number id (digits)').optional(),
  /** Another base URL for the Graph API (default https://graph.facebook.com): a local stand-in in tests. */
  WHATSAPP_API_URL: z.url({ error: 'WHATSAPP_API_URL must be a URL' }).optional(),
});
type WhatsAppEnv = z.infer<typeof WhatsAppEnv>;

export const GRAPH_VERSION = 'v21.0';

/** Graph error codes a later try may clear: rate limits and Meta's own trouble. */
export const WHATSAPP_RETRYABLE = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056]);
/** "This recipient has chosen to stop receiving marketing messages on WhatsApp from your business." */
const MARKETING_STOPPED = 131050;

const Settings = z.object({
  /** The sending number's id (WhatsApp Manager → Phone numbers), not the number itself. */
  phoneNumberId: z.string().regex(/^\d{5,25}$/, 'the phone number id (digits, from WhatsApp Manager → API setup)'),
  /** An approved template to send instead of free text (needed to start conversations); empty: free text. */
  templateName: z.string().regex(/^[a-z0-9_]{1,512}$/, 'a template name (lower case, digits, _)').optional(),
  templateLanguage: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as vi or en_US').default('vi'),
});

/** A chat address as WhatsApp wants it: the wa_id, country code and number, digits only. */
export function waId(address: string): string | undefined {
  const digits = address.replace(/[\s.()+-]/g, '');
  return /^[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
}

interface GraphError { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } }

export const whatsappProviderDefinition = defineProvider({
  name: 'whatsapp',
  title: 'WhatsApp',
  description: 'WhatsApp Cloud API: text or approved template messages, delivery statuses, replies and STOP.',
  channels: ['chat'],
  chatApps: ['whatsapp'],
  env: WhatsAppEnv,
  settings: Settings,
  settingsFromEnv: (env) => (env.WHATSAPP_PHONE_NUMBER_ID ? { phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID } : {}),
  create({ env, settings }) {
    const base = (env.WHATSAPP_API_URL ?? 'https://graph.facebook.com').replace(/\/+$/, '');
    const endpoint = `${base}/${GRAPH_VERSION}/${settings.phoneNumberId}/messages`;
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'chat') throw new PermanentSendError(`WhatsApp carries chat only, not ${message.channel}`);
        const app = message.content.app ?? 'whatsapp';
        if (app !== 'whatsapp') throw new PermanentSendError(`the chat channel is carried by WhatsApp: a ${app} message cannot be sent through it`);
        const to = waId(message.to);
        if (!to) throw new PermanentSendError(`"${message.to}" is not a WhatsApp number (country code and number)`);
        const text = message.content.body ?? '';
        const body = {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to,
          ...(settings.templateName
            ? { type: 'template', template: { name: settings.templateName, language: { code: settings.templateLanguage }, components: [{ type: 'body', parameters: [{ type: 'text', text }] }] } }
            : { type: 'text', text: { preview_url: false, body: text } }),
          ...(message.messageId ? { biz_opaque_callback_data: message.messageId } : {}),
        };
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${env.WHATSAPP_ACCESS_TOKEN}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const raw = await res.text();
        let answer: { messages?: Array<{ id?: string }>; error?: GraphError } = {};
        try {
          answer = JSON.parse(raw) as typeof answer;
        } catch {
          /* not JSON: the status decides */
        }
        const id = answer.messages?.[0]?.id;
        if (res.ok && id) return { providerId: id };
        const e = answer.error ?? {};
        const why = `WhatsApp ${res.status}${e.code ? ` (error ${e.code})` : ''}: ${(e.error_data?.details ?? e.message ?? raw).slice(0, 200)}`;
        if (res.status === 429 || res.status >= 500 || (e.code !== undefined && WHATSAPP_RETRYABLE.has(e.code))) throw new Error(why);
        throw new PermanentSendError(why);
      },
    };
  },
  inbound: {
    events: {
      challenge: (req, env) => {
        const q = new URL(req.url).searchParams;
        const ok = q.get('hub.mode') === 'subscribe' && !!env.WHATSAPP_VERIFY_TOKEN && same(q.get('hub.verify_token') ?? '', env.WHATSAPP_VERIFY_TOKEN);
        return ok ? { status: 200, contentType: 'text/plain; charset=utf-8', body: q.get('hub.challenge') ?? '' } : reply(403, 'the verify token does not match WHATSAPP_VERIFY_TOKEN');
      },
      verify: (req, env) => validSignature(req, env),
      async handle(req, ctx) {
        const parsed = Notification.safeParse(safeJson(req.body));
        if (!parsed.success) return reply(400, 'expected a WhatsApp Business Account webhook notification');
        for (const entry of parsed.data.entry) {
          for (const change of entry.changes) {
            if (change.field !== 'messages') continue;
            for (const st of change.value.statuses ?? []) {
              const ids = { providerId: st.id, ...(st.biz_opaque_callback_data ? { messageId: st.biz_opaque_callback_data } : {}) };
              if (st.status === 'delivered') await ctx.receipt({ ...ids, status: 'delivered' });
              else if (st.status === 'failed') {
                const err = st.errors?.[0];
                await ctx.receipt({ ...ids, status: 'failed', reason: `WhatsApp: failed${err ? ` (error ${err.code}: ${(err.error_data?.details ?? err.title ?? err.message ?? '').slice(0, 200)})` : ''}` });
                if (err?.code === MARKETING_STOPPED && st.recipient_id) {
                  await ctx.optOut({ channel: 'chat', address: st.recipient_id, source: 'whatsapp-stop', note: 'stopped marketing messages on WhatsApp (131050)', ref: st.id });
                }
              }
            }
            for (const m of change.value.messages ?? []) {
              const text = m.type === 'text' ? (m.text?.body ?? '') : m.type === 'button' ? (m.button?.text ?? '') : '';
              if (!text.trim()) continue;
              const keyword = parseSmsKeyword(text);
              const action = { channel: 'chat' as const, address: m.from, source: 'whatsapp-stop', note: `"${text.slice(0, 40)}" on WhatsApp`, ...(keyword ? { keyword: keyword.keyword } : {}), ref: m.id };
              if (keyword?.kind === 'stop') await ctx.optOut(action);
              else if (keyword?.kind === 'start') await ctx.optIn(action);
              else await ctx.replied({ channel: 'chat', address: m.from, text: text.slice(0, 4096), ref: m.id });
            }
          }
        }
        return reply(200, 'ok');
      },
    },
  },
});

const Notification = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            statuses: z
              .array(
                z.object({
                  id: z.string(),
                  status: z.string(),
                  recipient_id: z.string().optional(),
                  biz_opaque_callback_data: z.string().optional(),
                  errors: z.array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).optional() })).optional(),
                }),
              )
              .optional(),
            messages: z
              .array(z.object({ from: z.string(), id: z.string(), type: z.string(), text: z.object({ body: z.string() }).optional(), button: z.object({ text: z.string() }).optional() }))
              .optional(),
          }),
        }),
      ),
    }),
  ),
});

function validSignature(req: InboundRequest, env: WhatsAppEnv): boolean {
  const header = req.headers['x-hub-signature-256'];
  if (!env.WHATSAPP_APP_SECRET || !header || req.method !== 'POST') return false;
  return same(header.trim(), `sha256=${createHmac('sha256', env.WHATSAPP_APP_SECRET).update(req.body, 'utf8').digest('hex')}`);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reply(status: number, body: string): InboundReply {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

