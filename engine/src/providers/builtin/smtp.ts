/**
 * Email over SMTP (nodemailer), configured by one URL: smtp://user:pass@host:587 or
 * smtps://…:465 (`SMTP_URL`, a secret: it carries the credentials). The idempotency key becomes
 * the Message-ID, so a resend after a crash between "handed to SMTP" and "recorded" is
 * recognisable as the same message downstream.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider } from '../define-provider.js';

export const DEFAULT_FROM = 'Cairn <no-reply@cairn.local>';

export const smtpProviderDefinition = defineProvider({
  name: 'smtp',
  title: 'SMTP',
  description: 'Email through any SMTP server (nodemailer).',
  channels: ['email'],
  env: z.object({
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL'),
    /** The default sender when the Channels page has none. */
    SMTP_FROM: z.string().optional(),
  }),
  settings: z.object({
    from: z.string().min(3, 'the sender, like "Shop <hello@shop.example>"').default(DEFAULT_FROM),
  }),
  settingsFromEnv: (env) => (env.SMTP_FROM ? { from: env.SMTP_FROM } : {}),
  create: ({ env, settings }) => smtpSender({ url: env.SMTP_URL, from: settings.from }),
});

function smtpSender(opts: { url: string; from: string }) {
  const transport = nodemailer.createTransport(opts.url);
  const domain = opts.from.split('@')[1]?.replace(/>.*$/, '') || 'cairn.local';
  return {
    close: () => transport.close(),
    async send(message: OutboundMessage) {
      if (message.channel !== 'email') throw new PermanentSendError(`SMTP carries email only, not ${message.channel}`);
      const { subject = '', body = '', preheader = '', html } = message.content;
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: message.to,
          subject,
          text: preheader ? `${preheader}\n\n${body}` : body,
          // An MJML email: multipart/alternative, the HTML beside the generated plain text.
          ...(html ? { html } : {}),
          messageId: messageIdFor(message.idempotencyKey, domain),
          ...(message.headers ? { headers: message.headers } : {}),
        });
        return { providerId: info.messageId };
      } catch (err) {
        const e = err as { responseCode?: number; message: string };
        // 5xx SMTP replies are permanent (bad mailbox, rejected); 4xx and connection errors are not.
        if (e.responseCode && e.responseCode >= 500) throw new PermanentSendError(`SMTP ${e.responseCode}: ${e.message}`);
        throw err;
      }
    },
  };
}

/**
 * The Message-ID of one send: the same for every attempt under one idempotency key, different for
 * different keys. The key is folded into a valid RFC 5322 dot-atom (each run of other characters
 * becomes one ".") for people reading headers; folding alone would give "a:b", "a.b" and "a@b" one
 * id (customer ids are free text), and a receiver that drops repeats by Message-ID would then drop
 * a different message, so a hash of the exact key follows it.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const readable = idempotencyKey.replace(/[^A-Za-z0-9_-]+/g, '.').slice(0, 160).replace(/^\.+|\.+$/g, '');
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
  return `<${readable ? `${readable}.` : ''}${hash}@${domain}>`;
}
