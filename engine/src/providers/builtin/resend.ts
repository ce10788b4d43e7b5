/**
 * Email over Resend's HTTP API with the official SDK (`resend`). Each send carries the step's
 * idempotency key (`Idempotency-Key`), so a repeat after a crash between "Resend took it" and
 * "recorded" is dropped by Resend itself within its 24-hour window: at this provider the
 * delivery promise is exactly once.
 *
 * Its webhook (`…/v1/providers/resend/events`) is checked with the SDK's verifier (Standard
 * Webhooks, as Svix signs: HMAC-SHA256 over id.timestamp.body, timestamps older than five minutes
 * refused) before anything changes: `email.delivered` marks the message delivered;
 * `email.bounced` marks it failed and, for a permanent bounce, suppresses the address
 * (hard_bounce); `email.complained` suppresses it (spam_complaint).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider, type InboundReply } from '../define-provider.js';
import { DEFAULT_FROM } from './smtp.js';

const ResendEnv = z.object({
  RESEND_API_KEY: z.string().regex(/^re_[A-Za-z0-9_]+$/, 'RESEND_API_KEY must be a Resend API key ("re_…")'),
  /** The signing secret of the webhook ("whsec_…", Resend dashboard → Webhooks). Without it, events are refused. */
  RESEND_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'RESEND_WEBHOOK_SECRET must be the webhook signing secret ("whsec_…")').optional(),
  /** The default sender when the Channels page has none. */
  RESEND_FROM: z.string().optional(),
  /** Another base URL for Resend's API (default https://api.resend.com): a local stand-in in tests. */
  RESEND_API_URL: z.url({ error: 'RESEND_API_URL must be a URL' }).optional(),
});

/** Resend keeps idempotency keys of at most 256 characters; longer ones are sent as their hash. */
export function resendIdempotencyKey(key: string): string {
  return key.length <= 256 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

const Event = z.object({
  type: z.string(),
  data: z
    .object({
      email_id: z.string().optional(),
      to: z.array(z.string()).optional(),
      bounce: z.object({ type: z.string().optional(), subType: z.string().optional(), message: z.string().optional() }).partial().optional(),
    })
    .passthrough(),
});

export const resendProviderDefinition = defineProvider({
  name: 'resend',
  title: 'Resend',
  description: 'Email through Resend’s HTTP API, with idempotency keys, delivery and bounce events.',
  channels: ['email'],
  env: ResendEnv,
  settings: z.object({
    from: z.string().min(3, 'the sender, like "Shop <hello@shop.example>" (a domain verified at Resend)').default(DEFAULT_FROM),
  }),
  settingsFromEnv: (env) => (env.RESEND_FROM ? { from: env.RESEND_FROM } : {}),
  async create({ env, settings }) {
    const { Resend } = await import('resend');
    const client = new Resend(env.RESEND_API_KEY, env.RESEND_API_URL ? { baseUrl: env.RESEND_API_URL.replace(/\/+$/, '') } : {});
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'email') throw new PermanentSendError(`Resend carries email only, not ${message.channel}`);
        const { subject = '', body = '', preheader = '', html } = message.content;
        const { data, error } = await client.emails.send(
          {
            from: settings.from,
            to: [message.to],
            subject,
            text: preheader ? `${preheader}\n\n${body}` : body,
            ...(html ? { html } : {}),
            ...(message.headers ? { headers: message.headers } : {}),
          },
          { idempotencyKey: resendIdempotencyKey(message.idempotencyKey) },
        );
        if (data) return { providerId: data.id };
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
        const why = `Resend${status ? ` ${status}` : ''}: ${error?.message ?? 'no answer'}`;
        // 4xx (a bad address, an unverified domain, a key reused for another email) will not change.
        if (status !== null && status >= 400 && status < 500 && status !== 429) throw new PermanentSendError(why);
        throw new Error(why);
      },
    };
  },
  inbound: {
    events: {
      async verify(req, env) {
        if (!env.RESEND_WEBHOOK_SECRET || req.method !== 'POST') return false;
        const [id, timestamp, signature] = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => req.headers[h]);
        if (!id || !timestamp || !signature) return false;
        const { Resend } = await import('resend');
        try {
          new Resend(env.RESEND_API_KEY).webhooks.verify({ payload: req.body, headers: { id, timestamp, signature }, webhookSecret: env.RESEND_WEBHOOK_SECRET });
          return true;
        } catch {
          return false;
        }
      },
      async handle(req, ctx) {
        let parsed: z.infer<typeof Event>;
        try {
          parsed = Event.parse(JSON.parse(req.body));
        } catch {
          return reply(400, 'expected a Resend event');
        }
        const { type, data } = parsed;
        const providerId = data.email_id;
        const to = data.to?.[0];
        if (type === 'email.delivered' && providerId) await ctx.receipt({ providerId, status: 'delivered' });
        else if (type === 'email.bounced' && providerId) {
          const b = data.bounce ?? {};
          const permanent = b.type === undefined || /^(permanent|hard)/i.test(b.type);
          await ctx.receipt({ providerId, status: 'failed', reason: `Resend: bounced${b.type ? ` (${[b.type, b.subType].filter(Boolean).join(', ')})` : ''}${b.message ? `: ${b.message.slice(0, 200)}` : ''}` });
          if (permanent && to) await ctx.optOut({ channel: 'email', address: to, source: 'resend-bounce', reason: 'hard_bounce', note: (b.message ?? 'permanent bounce').slice(0, 200), ref: providerId });
        } else if (type === 'email.complained' && to) {
          await ctx.optOut({ channel: 'email', address: to, source: 'resend-complaint', reason: 'spam_complaint', note: 'marked as spam', ...(providerId ? { ref: providerId } : {}) });
        }
        return reply(200, 'ok');
      },
    },
  },
});

function reply(status: number, body: string): InboundReply {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}
