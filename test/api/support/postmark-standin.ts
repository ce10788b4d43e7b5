/**
 * A local stand-in for Postmark's email API and its webhooks. Postmark cannot be reached from here
 * (no network but package registries), so the tests point the provider at this server
 * (POSTMARK_API_URL) and it speaks what Postmark documents:
 * - `POST /email` with `X-Postmark-Server-Token` (401, ErrorCode 10 otherwise) and
 *   `{ From, To, Subject, TextBody, HtmlBody, Headers: [{ Name, Value }], MessageStream, Metadata }`,
 *   answered `{ To, SubmittedAt, MessageID, ErrorCode: 0, Message: "OK" }`; a recipient Postmark
 *   has deactivated answers 422 ErrorCode 406, a malformed one 422 ErrorCode 300;
 * - webhooks POSTed to Cairn as Postmark sends them (`RecordType` Delivery, Bounce,
 *   SpamComplaint, SubscriptionChange, with the email's Metadata), with the HTTP Basic
 *   credentials the webhook URL carries.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostmarkEmail {
  id: string;
  body: { From: string; To: string; Subject: string; TextBody?: string; HtmlBody?: string; Headers?: Array<{ Name: string; Value: string }>; MessageStream?: string; Metadata?: Record<string, string> };
}

export interface PostmarkStandIn {
  url: string;
  serverToken: string;
  webhookSecret: string;
  emails: PostmarkEmail[];
  /** Addresses Postmark has deactivated (earlier hard bounces there). */
  inactive: Set<string>;
  webhook(url: string, event: Record<string, unknown>, opts?: { password?: string; noAuth?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export async function startPostmarkStandIn(): Promise<PostmarkStandIn> {
  const serverToken = randomUUID();
  const webhookSecret = randomBytes(16).toString('hex');
  const emails: PostmarkEmail[] = [];
  const inactive = new Set<string>();
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/email') return json(res, 404, { ErrorCode: 404, Message: 'Not found' });
      if (req.headers['x-postmark-server-token'] !== serverToken) return json(res, 401, { ErrorCode: 10, Message: 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.' });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PostmarkEmail['body'];
      if (!body.From) return json(res, 422, { ErrorCode: 400, Message: "The 'From' address you supplied is not a Sender Signature on your account." });
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.To ?? '')) return json(res, 422, { ErrorCode: 300, Message: "Invalid 'To' address." });
      if (inactive.has(body.To.toLowerCase())) return json(res, 422, { ErrorCode: 406, Message: 'You tried to send to recipient(s) that have been marked as inactive.' });
      const id = randomUUID();
      emails.push({ id, body });
      return json(res, 200, { To: body.To, SubmittedAt: new Date().toISOString(), MessageID: id, ErrorCode: 0, Message: 'OK' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    serverToken,
    webhookSecret,
    emails,
    inactive,
    webhook(target, event, opts = {}) {
      const auth: Record<string, string> = opts.noAuth ? {} : { Authorization: `Basic ${Buffer.from(`postmark:${opts.password ?? webhookSecret}`).toString('base64')}` };
      return fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify({ ServerID: 23, MessageStream: 'outbound', ...event }) });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
