/**
 * A real SMTP server (the `smtp-server` package) that keeps every message it accepts. It behaves
 * like a mail transfer agent that commits a message to its queue when the final "." of DATA
 * arrives and then answers "250": a sender killed in that gap never learns that its message was
 * taken, which is exactly the window where at-least-once delivery repeats a send. A test widens
 * the gap on purpose with `holdRepliesAfter` (a mail server slow to answer), so that the window
 * is exercised every run instead of by luck.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  /** The envelope recipient. */
  to: string;
  subject: string;
  /** When the final "." arrived (epoch ms). */
  at: number;
}

export interface SmtpSink {
  /** For SMTP_URL. */
  url: string;
  /** Every accepted message, repeats included, in arrival order. */
  received: ReceivedMail[];
  /** Connections dropped by their client (a killed worker) or failing otherwise. */
  errors: string[];
  /** How many messages wait for their answer (see `holdRepliesAfter`); 0 once released. */
  held(): number;
  /** Answers every held message, and answers at once from now on. */
  releaseReplies(): void;
  close(): Promise<void>;
}

/**
 * `holdRepliesAfter`: once that many messages have been accepted, later messages are still
 * accepted (kept) but their "250" waits for `releaseReplies()`.
 */
export async function startSmtpSink(opts: { holdRepliesAfter?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const errors: string[] = [];
  let held: Array<() => void> | undefined;
  let released = false;
  const server = new SMTPServer({
    // Plain SMTP on 127.0.0.1: no STARTTLS (nodemailer would try it and refuse a self-signed
    // certificate) and no AUTH (SMTP_URL carries no credentials).
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const headers = parseHeaders(Buffer.concat(chunks).toString('utf8'));
        received.push({
          messageId: headers.get('message-id') ?? '',
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: headers.get('subject') ?? '',
          at: Date.now(),
        });
        if (!released && opts.holdRepliesAfter !== undefined && received.length > opts.holdRepliesAfter) (held ??= []).push(() => callback());
        else callback();
      });
    },
  });
  // A client killed mid-conversation resets its connection: expected here, never fatal.
  server.on('error', (err) => errors.push(err.message));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    errors,
    held: () => (released ? 0 : (held?.length ?? 0)),
    releaseReplies: () => {
      released = true;
      for (const answer of held ?? []) answer();
    },
    close: () => {
      released = true;
      for (const answer of held ?? []) answer();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The header block of a raw message, names lower-cased, folded lines joined. */
function parseHeaders(raw: string): Map<string, string> {
  const block = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
