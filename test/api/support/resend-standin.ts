/**
 * A local stand-in for Resend's HTTP API and its webhooks. Resend cannot be reached from here (no
 * network but package registries), so the tests point the official `resend` SDK at this server
 * (RESEND_API_URL) and it speaks what Resend documents:
 * - `POST /emails` with `Authorization: Bearer <key>` (401 otherwise) and a JSON body (from, to,
 *   subject, text/html, headers), answered 200 `{ "id": "<uuid>" }`; 422 for a missing field;
 * - `Idempotency-Key`: the same key with the same body answers the first id again and sends
 *   nothing; with another body, 409 `invalid_idempotent_request`;
 * - events POSTed to Cairn signed like Resend signs them (Standard Webhooks, via Svix):
 *   `webhook-signature: v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>`, computed
 *   here with node:crypto, independently of the SDK's verifier.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResendEmail {
  id: string;
  idempotencyKey: string | undefined;
  body: { from: string; to: string[]; subject: string; text?: string; html?: string; headers?: Record<string, string> };
}

export interface ResendStandIn {
  url: string;
  apiKey: string;
  webhookSecret: string;
  /** Emails accepted (sent), once each. */
  emails: ResendEmail[];
  /** Requests answered from an idempotency key (nothing sent). */
  repeats: number;
  /** Posts a signed event to `url`; `opts` forges it. */
  event(url: string, type: string, data: Record<string, unknown>, opts?: { secret?: string; timestamp?: number; id?: string; unsigned?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export function standardWebhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export async function startResendStandIn(): Promise<ResendStandIn> {
  const apiKey = `re_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const emails: ResendEmail[] = [];
  const keys = new Map<string, { body: string; id: string }>();
  let repeats = 0;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/emails') return json(res, 404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return json(res, 401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' });
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as ResendEmail['body'];
      for (const field of ['from', 'to', 'subject'] as const) {
        if (!body[field]) return json(res, 422, { statusCode: 422, name: 'missing_required_field', message: `The \`${field}\` field is missing.` });
      }
      const key = req.headers['idempotency-key'] as string | undefined;
      const seen = key ? keys.get(key) : undefined;
      if (seen) {
        if (seen.body !== raw) return json(res, 409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
        repeats++;
        return json(res, 200, { id: seen.id });
      }
      const id = randomUUID();
      if (key) keys.set(key, { body: raw, id });
      emails.push({ id, idempotencyKey: key, body });
      json(res, 200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey,
    webhookSecret,
    emails,
    get repeats() {
      return repeats;
    },
    event(target, type, data, opts = {}) {
      const body = JSON.stringify({ type, created_at: new Date().toISOString(), data });
      const id = opts.id ?? `msg_${randomBytes(12).toString('hex')}`;
      const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp) };
      if (!opts.unsigned) headers['webhook-signature'] = standardWebhookSignature(opts.secret ?? webhookSecret, id, timestamp, body);
      return fetch(target, { method: 'POST', headers, body });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
