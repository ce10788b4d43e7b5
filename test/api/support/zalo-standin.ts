/**
 * A local stand-in for Zalo's Official Account and ZNS APIs and its webhook. Zalo cannot be
 * reached from here (no network but package registries), so the tests point the Zalo provider at
 * this server (ZALO_API_URL) and it speaks what Zalo documents:
 * - `POST /v3.0/oa/message/cs` (openapi.zalo.me) with the `access_token` header and
 *   `{ recipient: { user_id }, message: { text } }`, answered HTTP 200
 *   `{ error: 0, message: "Success", data: { message_id, user_id } }`;
 * - `POST /message/template` (business.openapi.zalo.me) with the `access_token` header and
 *   `{ phone: "84…", template_id, template_data, tracking_id, mode? }`, answered HTTP 200
 *   `{ error: 0, message: "Success", data: { msg_id, sent_time, quota } }`; a phone not in the
 *   84… form answers error -108, an unknown template -109;
 * - a wrong token answers error -124 (ZNS) / -216 (OA), still HTTP 200, as Zalo does;
 * - `POST /v4/oa/access_token` (oauth.zaloapp.com) with the app's `secret_key` header and the form
 *   `refresh_token`, `app_id`, `grant_type=refresh_token`: a new access token and a new refresh
 *   token, the old refresh token spent (a second use answers error -14014), as Zalo documents;
 * - `failNext(code)`: the next send answers that Zalo error code; `expireAccessTokens()`: every
 *   access token so far is refused (-216 / -124) from then on;
 * - events POSTed to Cairn signed as Zalo signs them: `X-ZEvent-Signature:
 *   mac=<hex sha256(app_id + body + timestamp + OA secret key)>`, computed here with node:crypto.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloOaMessage { messageId: string; body: { recipient: { user_id: string }; message: { text: string } } }
export interface ZnsMessage { msgId: string; body: { phone: string; template_id: string; template_data: Record<string, string>; tracking_id?: string; mode?: string } }

export interface ZaloStandIn {
  url: string;
  accessToken: string;
  appId: string;
  appSecret: string;
  refreshToken: string;
  /** Renewals answered. */
  refreshes: number;
  expireAccessTokens(): void;
  oaId: string;
  secretKey: string;
  templateId: string;
  oa: ZaloOaMessage[];
  zns: ZnsMessage[];
  failNext(code: number, message: string): void;
  /** Posts a signed webhook event (app_id and timestamp filled in); `opts` forges it. */
  event(url: string, event: Record<string, unknown>, opts?: { secret?: string; unsigned?: boolean; appId?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startZaloStandIn(): Promise<ZaloStandIn> {
  const accessToken = randomBytes(32).toString('base64url');
  const appSecret = randomBytes(12).toString('hex');
  const refreshToken = randomBytes(32).toString('base64url');
  const liveAccess = new Set([accessToken]);
  let liveRefresh = refreshToken;
  let refreshes = 0;
  const appId = '3905861742169531246';
  const oaId = '579745863508352884';
  const secretKey = randomBytes(16).toString('base64url');
  const templateId = '248079';
  const oa: ZaloOaMessage[] = [];
  const zns: ZnsMessage[] = [];
  const failures: Array<{ code: number; message: string }> = [];
  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const route = `${req.method} ${req.url}`;
      if (route === 'POST /v4/oa/access_token') {
        const form = new URLSearchParams(raw);
        if (req.headers.secret_key !== appSecret || form.get('app_id') !== appId) return json(res, { error: -14002, error_name: 'Invalid app', error_description: 'app_id or secret_key is invalid' });
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== liveRefresh) return json(res, { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or has been used' });
        refreshes++;
        const fresh = randomBytes(32).toString('base64url');
        liveAccess.add(fresh);
        liveRefresh = randomBytes(32).toString('base64url');
        return json(res, { access_token: fresh, refresh_token: liveRefresh, expires_in: '90000' });
      }
      if (route !== 'POST /v3.0/oa/message/cs' && route !== 'POST /message/template') return json(res, { error: 404, message: 'not found' }, 404);
      const isZns = route === 'POST /message/template';
      if (!liveAccess.has(String(req.headers.access_token))) return json(res, isZns ? { error: -124, message: 'Access token is invalid' } : { error: -216, message: 'Access token is invalid' });
      const failure = failures.shift();
      if (failure) return json(res, { error: failure.code, message: failure.message });
      const body = JSON.parse(raw) as Record<string, unknown>;
      if (isZns) {
        const b = body as ZnsMessage['body'];
        if (typeof b.phone !== 'string' || !/^84\d{9,10}$/.test(b.phone)) return json(res, { error: -108, message: 'Phone number is invalid' });
        if (b.template_id !== templateId) return json(res, { error: -109, message: 'Template id is invalid' });
        if (!b.template_data || typeof b.template_data !== 'object') return json(res, { error: -111, message: 'Template data is empty' });
        const msgId = randomBytes(16).toString('hex');
        zns.push({ msgId, body: b });
        return json(res, { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: String(500 - zns.length) } } });
      }
      const b = body as ZaloOaMessage['body'];
      if (!b.recipient?.user_id || typeof b.message?.text !== 'string') return json(res, { error: -201, message: 'Parameters are invalid' });
      const messageId = randomUUID().replace(/-/g, '');
      oa.push({ messageId, body: b });
      return json(res, { error: 0, message: 'Success', data: { message_id: messageId, user_id: b.recipient.user_id } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accessToken,
    appId,
    appSecret,
    refreshToken,
    get refreshes() {
      return refreshes;
    },
    expireAccessTokens: () => liveAccess.clear(),
    oaId,
    secretKey,
    templateId,
    oa,
    zns,
    failNext: (code, message) => failures.push({ code, message }),
    async event(target, event, opts = {}) {
      const timestamp = String(Date.now());
      const signedAppId = opts.appId ?? appId;
      const body = JSON.stringify({ app_id: signedAppId, oa_id: oaId, user_id_by_app: '552177279252305', ...event, timestamp });
      const mac = createHash('sha256').update(`${signedAppId}${body}${timestamp}${opts.secret ?? secretKey}`).digest('hex');
      return fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(opts.unsigned ? {} : { 'X-ZEvent-Signature': `mac=${mac}` }) }, body });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
