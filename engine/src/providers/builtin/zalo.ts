/**
 * Chat through Zalo (Vietnam), over its documented HTTP APIs (Zalo publishes no Node SDK):
 * - a customer whose chat address (`chatId`) is a Zalo user id (a follower of the Official
 *   Account) gets an OA message: `POST https://openapi.zalo.me/v3.0/oa/message/cs`
 *   `{ recipient: { user_id }, message: { text } }`;
 * - a customer whose chat address is a phone number gets a ZNS message (Zalo Notification
 *   Service, pre-approved templates): `POST https://business.openapi.zalo.me/message/template`
 *   `{ phone: "84…", template_id, template_data, tracking_id }`. ZNS sends only approved
 *   templates, so the step's text fills the template: a body that is a JSON object is the
 *   template's data as it stands, any other text is the one parameter named in the settings.
 * Both take the OA's `access_token` header (renewed with the refresh token when Zalo refuses it
 * or it nears its end: zalo-token.ts) and answer HTTP 200 with `error` (0 is success, a
 * negative code names the failure). Codes that say "later" (quota, rate, the night window, Zalo's
 * own trouble) are retried; the others (a bad number, not a Zalo user, a template problem, a
 * token) fail the message with the code in the reason.
 *
 * Zalo takes no idempotency key: `tracking_id` carries the message row's id, so ZNS receipts
 * find the row even when a crash lost Zalo's `msg_id`.
 *
 * The OA webhook (`…/v1/providers/zalo/events`) is checked as Zalo documents: header
 * `X-ZEvent-Signature: mac=<hex sha256(app_id + raw body + timestamp + OA secret key)>`, with
 * `app_id` and `timestamp` read from the body (and `app_id` required to be ours). Then
 * `user_received_message` marks the message delivered, `user_send_text` is a reply
 * ("Message Replied"), `unfollow` suppresses the chat address and `follow` lifts that.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider, type InboundReply, type InboundRequest } from '../define-provider.js';
import { zaloTokens, type ZaloTokens } from './zalo-token.js';

const ZaloEnv = z.object({
  /** The Official Account's access token (Zalo for Developers → the app → Official Account API). */
  ZALO_ACCESS_TOKEN: z.string().min(20, 'ZALO_ACCESS_TOKEN must be the Official Account access token'),
  /** The Zalo app's id: webhook events name it (`app_id`), and only ours are accepted. */
  ZALO_APP_ID: z.string().regex(/^\d{6,25}$/, 'ZALO_APP_ID must be the Zalo app id (digits)').optional(),
  /** The app's secret key (Zalo for Developers → the app): with ZALO_REFRESH_TOKEN, the access token is renewed automatically. */
  ZALO_APP_SECRET: z.string().min(8, 'ZALO_APP_SECRET must be the Zalo app secret key').optional(),
  /** The OA's refresh token (from authorising the OA): renews the access token; the rotated pair is kept in the database. */
  ZALO_REFRESH_TOKEN: z.string().min(20, 'ZALO_REFRESH_TOKEN must be the OA refresh token').optional(),
  /** The OA secret key that signs webhook events. Without it (and ZALO_APP_ID), events are refused. */
  ZALO_OA_SECRET_KEY: z.string().min(8, 'ZALO_OA_SECRET_KEY must be the OA secret key (webhook settings)').optional(),
  /** Another base URL for both Zalo hosts (openapi and business.openapi): a local stand-in in tests. */
  ZALO_API_URL: z.url({ error: 'ZALO_API_URL must be a URL' }).optional(),
});
type ZaloEnv = z.infer<typeof ZaloEnv>;

const OA_URL = 'https://openapi.zalo.me/v3.0/oa/message/cs';
const ZNS_URL = 'https://business.openapi.zalo.me/message/template';
const OAUTH_URL = 'https://oauth.zaloapp.com/v4/oa/access_token';

/**
 * Zalo's codes that a later try may clear: -32 (OA API rate limit), -100 (unknown error), -115
 * (ZNS balance used up until topped up), -133 (ZNS outside 06:00–22:00), -144 (the OA's daily
 * ZNS quota used up). Every other negative code is permanent for this message.
 */
export const ZALO_RETRYABLE = new Set([-32, -100, -115, -133, -144]);

/** A Vietnamese phone as ZNS wants it: 84 and the national number, no "+" or leading 0. */
export function znsPhone(address: string): string | undefined {
  const digits = address.replace(/[\s.()-]/g, '');
  if (/^\+?84\d{9,10}$/.test(digits)) return digits.replace(/^\+/, '');
  if (/^0\d{9,10}$/.test(digits)) return `84${digits.slice(1)}`;
  return undefined;
}

/** A chat address that is a phone number (ZNS), not a Zalo user id (digits only, no 0 or + start, longer). */
const looksLikePhone = (to: string) => /^(\+|0)/.test(to.trim()) || /^84\d{9,10}$/.test(to.trim());

const Settings = z.object({
  /** The approved ZNS template for customers reached by phone; without one they cannot be messaged. */
  znsTemplateId: z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'the ZNS template id (Zalo Cloud Account → ZNS → templates)').optional(),
  /** The template parameter that takes the step's text (when the text is not a JSON object of parameters). */
  znsTextParam: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'a template parameter name').default('content'),
  /** ZNS development mode: templates still in development, to the OA admins' own phones. */
  znsDevelopment: z.boolean().default(false),
});
type Settings = z.infer<typeof Settings>;

interface ZaloAnswer {
  error?: number;
  message?: string;
  data?: { message_id?: string; msg_id?: string };
}

/** A template's parameters (ZNS, WeChat): the body as a JSON object of parameters, or the body as the one parameter named. */
export function templateParams(body: string, textParam: string): Record<string, string> {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{')) return { [textParam]: body };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (err) {
    throw new PermanentSendError(`the message text starts with "{" but is not a JSON object of template parameters: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PermanentSendError('the template parameters must be a JSON object');
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Zalo's answers for a token it no longer takes (OA API, ZNS): renewed once, then retried. */
const TOKEN_REFUSED = new Set([-216, -124]);

async function callZalo(url: string, env: ZaloEnv, tokens: ZaloTokens, body: unknown): Promise<ZaloAnswer> {
  const token = await tokens.current();
  try {
    return await postZalo(url, env, token, body);
  } catch (err) {
    if (!(err instanceof ZaloError) || !TOKEN_REFUSED.has(err.code)) throw err;
    const fresh = await tokens.renew(token);
    if (!fresh) throw err;
    return postZalo(url, env, fresh, body);
  }
}

class ZaloError extends PermanentSendError {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

async function postZalo(url: string, env: ZaloEnv, token: string, body: unknown): Promise<ZaloAnswer> {
  const target = env.ZALO_API_URL ? rebase(url, env.ZALO_API_URL) : url;
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', access_token: token },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status === 429 || res.status >= 500) throw new Error(`Zalo answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  let answer: ZaloAnswer;
  try {
    answer = JSON.parse(text) as ZaloAnswer;
  } catch {
    throw new PermanentSendError(`Zalo answered HTTP ${res.status} without JSON: ${text.slice(0, 200)}`);
  }
  if (answer.error === 0 && res.ok) return answer;
  const code = answer.error ?? res.status;
  const why = `Zalo error ${code}: ${answer.message ?? 'no message'}`;
  if (ZALO_RETRYABLE.has(code)) throw new Error(why);
  throw new ZaloError(code, why);
}

function rebase(url: string, base: string): string {
  const u = new URL(url);
  const b = new URL(base);
  return `${b.origin}${b.pathname.replace(/\/+$/, '')}${u.pathname}`;
}

export const zaloProviderDefinition = defineProvider({
  name: 'zalo',
  title: 'Zalo',
  description: 'Zalo Official Account messages to followers, ZNS template messages by phone; delivery receipts, replies and unfollows.',
  channels: ['chat'],
  chatApps: ['zalo'],
  env: ZaloEnv,
  settings: Settings,
  create({ env, settings, store }) {
    const tokens = zaloTokens(env, store, env.ZALO_API_URL ? rebase(OAUTH_URL, env.ZALO_API_URL) : OAUTH_URL);
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'chat') throw new PermanentSendError(`Zalo carries chat only, not ${message.channel}`);
        const app = message.content.app ?? 'zalo';
        if (app !== 'zalo') throw new PermanentSendError(`the chat channel is carried by Zalo: a ${app} message cannot be sent through it`);
        const body = message.content.body ?? '';
        if (looksLikePhone(message.to)) return sendZns(env, tokens, settings, message, body);
        const answer = await callZalo(OA_URL, env, tokens, { recipient: { user_id: message.to }, message: { text: body } });
        return { providerId: answer.data?.message_id ?? `zalo:${message.idempotencyKey}` };
      },
    };
  },
  inbound: {
    /** The OA's webhook (Zalo for Developers → the app → Webhook): receipts, replies, follow / unfollow. */
    events: {
      verify: (req, env) => validZaloEvent(req, env),
      async handle(req, ctx) {
        const parsed = ZaloEvent.safeParse(safeJson(req.body));
        if (!parsed.success) return reply(400, 'expected a Zalo webhook event');
        const e = parsed.data;
        const msgId = e.message?.msg_id;
        switch (e.event_name) {
          case 'user_received_message':
            if (msgId || e.message?.tracking_id) {
              await ctx.receipt({ ...(msgId ? { providerId: msgId } : {}), ...(e.message?.tracking_id ? { messageId: e.message.tracking_id } : {}), status: 'delivered' });
            }
            break;
          case 'user_send_text':
            if (e.sender?.id && msgId && e.message?.text?.trim()) await ctx.replied({ channel: 'chat', address: e.sender.id, text: e.message.text.slice(0, 2000), ref: msgId });
            break;
          case 'unfollow':
          case 'follow': {
            const follower = e.follower?.id;
            if (!follower) break;
            const action = { channel: 'chat' as const, address: follower, source: 'zalo-unfollow', note: `${e.event_name} on Zalo`, keyword: e.event_name, ref: `${e.event_name}:${follower}:${e.timestamp}` };
            if (e.event_name === 'unfollow') await ctx.optOut(action);
            else await ctx.optIn(action);
            break;
          }
          default:
            // Other events (seen, stickers, images, OA-side messages) change nothing here.
            break;
        }
        return reply(200, 'ok');
      },
    },
  },
});

async function sendZns(env: ZaloEnv, tokens: ZaloTokens, settings: Settings, message: OutboundMessage, body: string) {
  const phone = znsPhone(message.to);
  if (!phone) throw new PermanentSendError(`"${message.to}" is not a Vietnamese phone number ZNS can reach (84…, +84… or 0…)`);
  if (!settings.znsTemplateId) throw new PermanentSendError('this customer is reached by phone (ZNS), and no ZNS template is set on the Channels page');
  const answer = await callZalo(ZNS_URL, env, tokens, {
    ...(settings.znsDevelopment ? { mode: 'development' } : {}),
    phone,
    template_id: settings.znsTemplateId,
    template_data: templateParams(body, settings.znsTextParam),
    ...(message.messageId ? { tracking_id: message.messageId } : {}),
  });
  return { providerId: answer.data?.msg_id ?? `zalo:${message.idempotencyKey}` };
}

const ZaloEvent = z.object({
  event_name: z.string(),
  app_id: z.string().optional(),
  timestamp: z.union([z.string(), z.number()]).optional(),
  sender: z.object({ id: z.string() }).partial().optional(),
  recipient: z.object({ id: z.string() }).partial().optional(),
  follower: z.object({ id: z.string() }).partial().optional(),
  message: z.object({ msg_id: z.string(), text: z.string(), tracking_id: z.string() }).partial().optional(),
});

/** Zalo's documented check: mac = sha256(app_id + body + timestamp + OA secret key), app_id and timestamp from the body. */
export function zaloMac(appId: string, body: string, timestamp: string, secret: string): string {
  return createHash('sha256').update(`${appId}${body}${timestamp}${secret}`).digest('hex');
}

function validZaloEvent(req: InboundRequest, env: ZaloEnv): boolean {
  if (!env.ZALO_OA_SECRET_KEY || !env.ZALO_APP_ID || req.method !== 'POST') return false;
  const header = req.headers['x-zevent-signature'];
  if (!header) return false;
  const body = safeJson(req.body) as { app_id?: unknown; timestamp?: unknown } | undefined;
  if (!body || String(body.app_id ?? '') !== env.ZALO_APP_ID || body.timestamp === undefined) return false;
  const expected = Buffer.from(`mac=${zaloMac(env.ZALO_APP_ID, req.body, String(body.timestamp), env.ZALO_OA_SECRET_KEY)}`);
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
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
