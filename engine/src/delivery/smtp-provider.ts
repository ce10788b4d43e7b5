/**
 * Email over SMTP (nodemailer), configured by one URL: smtp://user:pass@host:587 or
 * smtps://…:465. The idempotency key becomes the Message-ID, so a resend after a crash between
 * "handed to SMTP" and "recorded" is recognisable as the same message downstream.
 */
import nodemailer from 'nodemailer';
import { PermanentSendError, type Provider } from './provider.js';

export function smtpProvider(opts: { url: string; from: string }): Provider & { close(): void } {
  const transport = nodemailer.createTransport(opts.url);
  const domain = opts.from.split('@')[1]?.replace(/>.*$/, '') || 'cairn.local';
  return {
    name: 'smtp',
    close: () => transport.close(),
    async send(message) {
      if (message.channel !== 'email') throw new PermanentSendError(`SMTP carries email only, not ${message.channel}`);
      const { subject = '', body = '', preheader = '' } = message.content;
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: message.to,
          subject,
          text: preheader ? `${preheader}\n\n${body}` : body,
          messageId: `<${message.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`,
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
