/**
 * Email through Postmark's documented HTTP API with `fetch` (one POST; the `postmark` SDK would
 * add axios for it): `POST https://api.postmarkapp.com/email` with `X-Postmark-Server-Token`,
 * `{ From, To, Subject, TextBody, HtmlBody, Headers, MessageStream, Metadata }`, answered
 * `{ MessageID, ErrorCode: 0 }`. Errors: 422 with Postmark's `ErrorCode` (300 bad address, 406
 * inactive recipient: Postmark itself suppressed it…) fail the message; 429 and 5xx are retried;
 * 401 (a wrong token) fails.
 *
 * Postmark takes no idempotency key: a repeat after a crash is sent again. Every email carries
 * the row's id in `Metadata.cairn_message`, which Postmark echoes in its webhooks, so receipts find
 * the row by it.
 *
 * Webhooks (`…/v1/providers/postmark/events`): Postmark signs nothing; it sends the HTTP Basic
 * credentials put in the webhook URL (`https://postmark:<secret>@…`), checked against
 * POSTMARK_WEBHOOK_SECRET. `Delivery` marks the message delivered, a hard `Bounce` fails it and
 * suppresses the address (hard_bounce), a `SpamComplaint` suppresses (spam_complaint), and a
 * `SubscriptionChange` to suppressed (the recipient unsubscribed through Postmark) too.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider, type InboundReply } from '../define-provider.js';
import { DEFAULT_FROM } from './smtp.js';

const PostmarkEnv = z.object({
  /** The server's API token (Postmark → the server → API Tokens). */
  POSTMARK_SERVER_TOKEN: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'POSTMARK_SERVER_TOKEN must be a Postmark server API token (a UUID)'),
  /** The password of the webhook URL's Basic credentials. Without it, webhooks are refused. */
  POSTMARK_WEBHOOK_SECRET: z.string().min(16, 'POSTMARK_WEBHOOK_SECRET: at least 16 characters').optional(),
  POSTMARK_FROM: z.string().optional(),
  /** Another base URL for Postmark's API (default https://api.postmarkapp.com): a local stand-in in tests. */
  POSTMARK_API_URL: z.url({ error: 'POSTMARK_API_URL must be a URL' }).optional(),
});

const Settings = z.object({
  from: z.string().min(3, 'the sender, like "Shop <hello@shop.example>" (a confirmed sender signature or domain at Postmark)').default(DEFAULT_FROM),
  /** Postmark's message stream: "outbound" (transactional) or a broadcast stream for marketing. */
  messageStream: z.string().regex(/^[a-z0-9-]{1,30}$/, 'a message stream id, like outbound or broadcast').default('outbound'),
});

/** The Basic user of the webhook URL (any user is accepted: the password is the secret). */
export const POSTMARK_WEBHOOK_USER = 'postmark';

export const postmarkProviderDefinition = defineProvider({
  name: 'postmark',
  title: 'Postmark',
  description: 'Email through Postmark’s HTTP API, with delivery, bounce, complaint and unsubscribe webhooks.',
  channels: ['email'],
  env: PostmarkEnv,
  settings: Settings,
  settingsFromEnv: (env) => (env.POSTMARK_FROM ? { from: env.POSTMARK_FROM } : {}),
  create({ env, settings }) {
    const endpoint = `${(env.POSTMARK_API_URL ?? 'https://api.postmarkapp.com').replace(/\/+$/, '')}/email`;
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'email') throw new PermanentSendError(`Postmark carries email only, not ${message.channel}`);
        const { subject = '', body = '', preheader = '', html } = message.content;
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Postmark-Server-Token': env.POSTMARK_SERVER_TOKEN },
          body: JSON.stringify({
            From: settings.from,
            To: message.to,
            Subject: subject,
            TextBody: preheader ? `${preheader}\n\n${body}` : body,
            ...(html ? { HtmlBody: html } : {}),
            ...(message.headers ? { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
            MessageStream: settings.messageStream,
            // Cairn tracks opens and clicks itself (tracking.ts).
            TrackOpens: false,
            TrackLinks: 'None',
            ...(message.messageId ? { Metadata: { cairn_message: message.messageId } } : {}),
          }),
          signal: AbortSignal.timeout(15_000),
        });
        const answer = (await res.json().catch(() => ({}))) as { MessageID?: string; ErrorCode?: number; Message?: string };
        if (res.ok && answer.ErrorCode === 0 && answer.MessageID) return { providerId: answer.MessageID };
        const why = `Postmark ${res.status}${answer.ErrorCode ? ` (error ${answer.ErrorCode})` : ''}: ${answer.Message ?? 'no answer'}`;
        if (res.status === 429 || res.status >= 500) throw new Error(why);
        throw new PermanentSendError(why);
      },
    };
  },
  inbound: {
    events: {
      verify(req, env) {
        if (!env.POSTMARK_WEBHOOK_SECRET || req.method !== 'POST') return false;
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Basic ')) return false;
        const [, password = ''] = /^[^:]*:(.*)$/s.exec(Buffer.from(auth.slice(6), 'base64').toString('utf8')) ?? [];
        const a = Buffer.from(password);
        const b = Buffer.from(env.POSTMARK_WEBHOOK_SECRET);
        return a.length === b.length && timingSafeEqual(a, b);
      },
      async handle(req, ctx) {
        const parsed = Event.safeParse(safeJson(req.body));
        if (!parsed.success) return reply(400, 'expected a Postmark webhook');
        const e = parsed.data;
        const ids = { ...(e.MessageID ? { providerId: e.MessageID } : {}), ...(e.Metadata?.cairn_message ? { messageId: e.Metadata.cairn_message } : {}) };
        const address = e.Recipient ?? e.Email;
        const ref = e.MessageID ?? `${e.RecordType}:${address}`;
        if (e.RecordType === 'Delivery' && (ids.providerId || ids.messageId)) await ctx.receipt({ ...ids, status: 'delivered' });
        else if (e.RecordType === 'Bounce') {
          const hard = e.Type === 'HardBounce' || e.Type === 'BadEmailAddress' || e.Type === 'ManuallyDeactivated';
          if (ids.providerId || ids.messageId) await ctx.receipt({ ...ids, status: 'failed', reason: `Postmark: bounced (${e.Type ?? 'unknown'})${e.Description ? `: ${e.Description.slice(0, 200)}` : ''}` });
          if (hard && address) await ctx.optOut({ channel: 'email', address, source: 'postmark-bounce', reason: 'hard_bounce', note: (e.Details ?? e.Description ?? 'hard bounce').slice(0, 200), ref });
        } else if (e.RecordType === 'SpamComplaint' && address) {
          await ctx.optOut({ channel: 'email', address, source: 'postmark-complaint', reason: 'spam_complaint', note: 'marked as spam', ref });
        } else if (e.RecordType === 'SubscriptionChange' && address && e.SuppressSending === true && e.SuppressionReason === 'ManualSuppression') {
          await ctx.optOut({ channel: 'email', address, source: 'postmark-unsubscribe', note: 'unsubscribed through Postmark', ref: `${ref}:${e.ChangedAt ?? ''}` });
        }
        return reply(200, 'ok');
      },
    },
  },
});

const Event = z.object({
  RecordType: z.string(),
  MessageID: z.string().optional(),
  Recipient: z.string().optional(),
  Email: z.string().optional(),
  Type: z.string().optional(),
  Description: z.string().optional(),
  Details: z.string().optional(),
  SuppressSending: z.boolean().optional(),
  SuppressionReason: z.string().nullable().optional(),
  ChangedAt: z.string().optional(),
  Metadata: z.record(z.string(), z.string()).optional(),
});

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
