/**
 * A local stand-in for a Slack incoming webhook (the vendor cannot be reached from here). It
 * speaks what Slack documents for `POST https://hooks.slack.com/services/T…/B…/<secret>`: a JSON
 * body with `text` (Content-Type application/json), answered 200 with the plain-text body "ok";
 * an unknown webhook path answers 404 "no_service", a body that is not JSON 400
 * "invalid_payload", one without text 400 "no_text".
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackWebhookStandIn {
  /** The webhook URL a workspace admin would copy from Slack. */
  webhookUrl: string;
  /** A webhook that was removed: answers 404 no_service. */
  goneUrl: string;
  posts: Array<{ text: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

export async function startSlackWebhookStandIn(): Promise<SlackWebhookStandIn> {
  const path = `/services/T0${randomBytes(4).toString('hex').toUpperCase()}/B0${randomBytes(4).toString('hex').toUpperCase()}/${randomBytes(12).toString('base64url')}`;
  const posts: SlackWebhookStandIn['posts'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: string) => {
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(body);
      };
      if (req.method !== 'POST' || req.url !== path) return answer(404, 'no_service');
      let body: unknown;
      try {
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new Error('not JSON');
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, 'invalid_payload');
      }
      const text = (body as { text?: unknown }).text;
      if (typeof text !== 'string' || text === '') return answer(400, 'no_text');
      posts.push({ text, headers: req.headers });
      return answer(200, 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { webhookUrl: `${base}${path}`, goneUrl: `${base}/services/T0GONE/B0GONE/removed`, posts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
