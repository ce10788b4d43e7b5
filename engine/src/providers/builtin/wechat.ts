/**
 * Chat through a WeChat Official Account, over WeChat's documented HTTP API (no official Node
 * SDK): an access token from `GET https://api.weixin.qq.com/cgi-bin/token` (client_credential,
 * kept until five minutes before its two hours end, fetched again on 40001 / 42001), then
 * - a customer service text, `POST /cgi-bin/message/custom/send?access_token=…`
 *   `{ touser: <openid>, msgtype: "text", text: { content } }` (accepted within 48 hours of the
 *   follower's last message), or
 * - when a template is set on the Channels page, a template message,
 *   `POST /cgi-bin/message/template/send` `{ touser, template_id, data: { <param>: { value } } }`
 *   (the step's text as the parameter named in the settings, or a JSON object of parameters).
 * Answers carry `errcode` (0 is success). Busy / limits / an expired token are retried; the others
 * (45015 outside the 48 hours, 43004 not a follower, 40003 bad openid, 43101 refused…) fail.
 *
 * The callback URL (`…/v1/providers/wechat/events`, plain-text mode): WeChat's GET check
 * (`signature` = SHA-1 of the sorted token, timestamp and nonce; echo `echostr`) and the same
 * signature on every POSTed XML message. `subscribe` lifts and `unsubscribe` records a chat
 * suppression, a text is "Message Replied", and `TEMPLATESENDJOBFINISH` is the template
 * message's receipt (delivered, or failed: "user block" also suppresses).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider, type InboundReply, type InboundRequest } from '../define-provider.js';
import { templateParams } from './zalo.js';

const WeChatEnv = z.object({
  WECHAT_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/, 'WECHAT_APP_ID must be the Official Account AppID ("wx" and 16 hex digits)'),
  WECHAT_APP_SECRET: z.string().regex(/^[0-9a-f]{32}$/, 'WECHAT_APP_SECRET must be the AppSecret (32 hex digits)'),
  /** The Token typed into the server configuration: signs the callback URL's requests. Without it they are refused. */
  WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'WECHAT_TOKEN must be 3-32 letters or digits (the server configuration Token)').optional(),
  /** Another base URL for api.weixin.qq.com: a local stand-in in tests. */
  WECHAT_API_URL: z.url({ error: 'WECHAT_API_URL must be a URL' }).optional(),
});
type WeChatEnv = z.infer<typeof WeChatEnv>;

/** -1 system busy, 40001/42001 token invalid or expired (fetched again), 45009 daily API limit, 45047 too many service messages. */
export const WECHAT_RETRYABLE = new Set([-1, 40001, 42001, 45009, 45047]);

const Settings = z.object({
  /** A template message template to send instead of customer service text (needed outside the 48 hours). */
  templateId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'the template id (Official Account → Template messages)').optional(),
  /** The template field that takes the step's text (when the text is not a JSON object of fields). */
  templateTextParam: z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'a template field name').default('content'),
});

function accessTokens(env: WeChatEnv, base: string) {
  let current: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async () => {
    const url = `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(env.WECHAT_APP_ID)}&secret=${encodeURIComponent(env.WECHAT_APP_SECRET)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`WeChat's token endpoint answered HTTP ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token) {
      const why = `WeChat token ${body.errcode ?? '?'}: ${body.errmsg ?? 'no access_token'}`;
      if (body.errcode === -1) throw new Error(why);
      // 40013 invalid appid, 40125 invalid secret, 40164 IP not whitelisted: configuration.
      throw new PermanentSendError(why);
    }
    current = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  };
  return {
    get(): Promise<string> {
      if (current && current.until > Date.now()) return Promise.resolve(current.token);
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    drop: () => (current = undefined),
  };
}

export const wechatProviderDefinition = defineProvider({
  name: 'wechat',
  title: 'WeChat',
  description: 'WeChat Official Account: customer service or template messages to followers; replies, receipts, unsubscribes.',
  channels: ['chat'],
  chatApps: ['wechat'],
  env: WeChatEnv,
  settings: Settings,
  create({ env, settings }) {
    const base = (env.WECHAT_API_URL ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
    const tokens = accessTokens(env, base);
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'chat') throw new PermanentSendError(`WeChat carries chat only, not ${message.channel}`);
        const app = message.content.app ?? 'wechat';
        if (app !== 'wechat') throw new PermanentSendError(`the chat channel is carried by WeChat: a ${app} message cannot be sent through it`);
        const text = message.content.body ?? '';
        const [path, body] = settings.templateId
          ? ['/cgi-bin/message/template/send', { touser: message.to, template_id: settings.templateId, data: Object.fromEntries(Object.entries(templateParams(text, settings.templateTextParam)).map(([k, value]) => [k, { value }])) }]
          : ['/cgi-bin/message/custom/send', { touser: message.to, msgtype: 'text', text: { content: text } }];
        const res = await fetch(`${base}${path}?access_token=${encodeURIComponent(await tokens.get())}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          // WeChat wants characters as they are, not \u escapes (JSON.stringify keeps them).
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        if (res.status >= 500 || res.status === 429) throw new Error(`WeChat answered HTTP ${res.status}`);
        const answer = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string; msgid?: number | string };
        if (!answer.errcode) return { providerId: answer.msgid !== undefined ? String(answer.msgid) : `wechat:${message.idempotencyKey}` };
        const why = `WeChat error ${answer.errcode}: ${answer.errmsg ?? ''}`.trim();
        if (answer.errcode === 40001 || answer.errcode === 42001) tokens.drop();
        if (WECHAT_RETRYABLE.has(answer.errcode)) throw new Error(why);
        throw new PermanentSendError(why);
      },
    };
  },
  inbound: {
    events: {
      challenge: (req, env) => {
        const q = new URL(req.url).searchParams;
        return validQuery(req, env) ? { status: 200, contentType: 'text/plain; charset=utf-8', body: q.get('echostr') ?? '' } : reply(403, 'the signature does not match WECHAT_TOKEN');
      },
      verify: (req, env) => req.method === 'POST' && validQuery(req, env),
      async handle(req, ctx) {
        const x = (tag: string) => xmlField(req.body, tag);
        const type = x('MsgType');
        const from = x('FromUserName');
        if (!type || !from) return reply(400, 'expected a WeChat XML message');
        if (type === 'text') {
          const msgId = x('MsgId');
          const content = x('Content') ?? '';
          if (msgId && content.trim()) await ctx.replied({ channel: 'chat', address: from, text: content.slice(0, 2000), ref: msgId });
        } else if (type === 'event') {
          const event = (x('Event') ?? '').toLowerCase();
          const ref = `${event}:${from}:${x('CreateTime') ?? ''}`;
          if (event === 'unsubscribe') await ctx.optOut({ channel: 'chat', address: from, source: 'wechat-unsubscribe', note: 'unsubscribed from the Official Account', keyword: 'unsubscribe', ref });
          else if (event === 'subscribe') await ctx.optIn({ channel: 'chat', address: from, source: 'wechat-unsubscribe', keyword: 'subscribe', ref });
          else if (event === 'templatesendjobfinish') {
            const msgId = x('MsgID') ?? x('MsgId');
            const status = x('Status') ?? '';
            if (msgId && status === 'success') await ctx.receipt({ providerId: msgId, status: 'delivered' });
            else if (msgId) {
              await ctx.receipt({ providerId: msgId, status: 'failed', reason: `WeChat: ${status.slice(0, 100)}` });
              if (status === 'failed:user block') await ctx.optOut({ channel: 'chat', address: from, source: 'wechat-unsubscribe', note: 'blocked the template messages', ref: msgId });
            }
          }
        }
        // WeChat wants "success" (or nothing) within five seconds, or it retries.
        return reply(200, 'success');
      },
    },
  },
});

/** WeChat's check: signature = hex SHA-1 of token, timestamp and nonce sorted and joined. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

function validQuery(req: InboundRequest, env: WeChatEnv): boolean {
  if (!env.WECHAT_TOKEN) return false;
  const q = new URL(req.url).searchParams;
  const [signature, timestamp, nonce] = ['signature', 'timestamp', 'nonce'].map((k) => q.get(k) ?? '');
  if (!signature || !timestamp || !nonce) return false;
  const want = Buffer.from(wechatSignature(env.WECHAT_TOKEN, timestamp!, nonce!));
  const got = Buffer.from(signature!);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** One field of WeChat's flat XML: `<Tag><![CDATA[value]]></Tag>` or `<Tag>value</Tag>`. */
export function xmlField(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  if (!m) return undefined;
  return m[1] ?? decodeEntities(m[2] ?? '');
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function reply(status: number, body: string): InboundReply {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}
