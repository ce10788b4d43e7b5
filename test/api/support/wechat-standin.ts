/**
 * A local stand-in for WeChat's Official Account API and its callback URL. WeChat cannot be
 * reached from here (no network but package registries), so the tests point the provider at this
 * server (WECHAT_API_URL) and it speaks what WeChat documents:
 * - `GET /cgi-bin/token?grant_type=client_credential&appid&secret`: `{ access_token, expires_in }`,
 *   or `{ errcode: 40013 | 40125, errmsg }` for a wrong AppID / AppSecret;
 * - `POST /cgi-bin/message/custom/send?access_token=…` `{ touser, msgtype: "text", text: { content } }`
 *   and `POST /cgi-bin/message/template/send?access_token=…` `{ touser, template_id, data }`:
 *   `{ errcode: 0, errmsg: "ok" }` (template: and `msgid`); an unknown or expired token answers
 *   40001 / 42001, a user who is not a follower 43004;
 * - `failNext(errcode)`, `expireTokens()` (tokens answered 42001 from then on);
 * - callback requests as WeChat makes them (plain-text mode): `?signature&timestamp&nonce`, the
 *   signature the SHA-1 of the sorted token, timestamp and nonce (node:crypto here); XML bodies;
 *   and the GET check with `echostr`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WeChatSent { path: 'custom' | 'template'; msgid?: number; body: { touser: string; msgtype?: string; text?: { content: string }; template_id?: string; data?: Record<string, { value: string }> } }

export interface WeChatStandIn {
  url: string;
  appId: string;
  appSecret: string;
  token: string;
  templateId: string;
  followers: Set<string>;
  sent: WeChatSent[];
  tokenRequests: number;
  failNext(errcode: number, errmsg: string): void;
  expireTokens(): void;
  /** POSTs an XML message to the callback URL, signed; `opts` forges it. */
  push(url: string, fields: Record<string, string | number>, opts?: { token?: string; unsigned?: boolean }): Promise<Response>;
  /** WeChat's GET check of the callback URL. */
  check(url: string, echostr: string, token?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startWeChatStandIn(): Promise<WeChatStandIn> {
  const appId = `wx${randomBytes(8).toString('hex')}`;
  const appSecret = randomBytes(16).toString('hex');
  const token = `cairn${randomBytes(6).toString('hex')}`;
  const templateId = 'ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY';
  const followers = new Set<string>();
  const sent: WeChatSent[] = [];
  const live = new Set<string>();
  const failures: Array<{ errcode: number; errmsg: string }> = [];
  let tokenRequests = 0;
  let msgid = 200228332;
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'Content-Type': 'application/json; encoding=utf-8' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://standin');
      if (req.method === 'GET' && u.pathname === '/cgi-bin/token') {
        if (u.searchParams.get('grant_type') !== 'client_credential') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' });
        if (u.searchParams.get('appid') !== appId) return json(res, { errcode: 40013, errmsg: 'invalid appid' });
        if (u.searchParams.get('secret') !== appSecret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
        tokenRequests++;
        const t = randomBytes(40).toString('base64url');
        live.add(t);
        return json(res, { access_token: t, expires_in: 7200 });
      }
      const kind = u.pathname === '/cgi-bin/message/custom/send' ? 'custom' : u.pathname === '/cgi-bin/message/template/send' ? 'template' : undefined;
      if (req.method !== 'POST' || !kind) return json(res, { errcode: 40066, errmsg: 'invalid url' });
      const t = u.searchParams.get('access_token') ?? '';
      if (!live.has(t)) return json(res, { errcode: t ? 42001 : 41001, errmsg: t ? 'access_token expired' : 'access_token missing' });
      const failure = failures.shift();
      if (failure) return json(res, failure);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WeChatSent['body'];
      if (!followers.has(body.touser)) return json(res, { errcode: 43004, errmsg: 'require subscribe' });
      if (kind === 'custom') {
        if (body.msgtype !== 'text' || typeof body.text?.content !== 'string') return json(res, { errcode: 40008, errmsg: 'invalid message type' });
        sent.push({ path: 'custom', body });
        return json(res, { errcode: 0, errmsg: 'ok' });
      }
      if (body.template_id !== templateId) return json(res, { errcode: 40037, errmsg: 'invalid template_id' });
      const id = ++msgid;
      sent.push({ path: 'template', msgid: id, body });
      return json(res, { errcode: 0, errmsg: 'ok', msgid: id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signed = (target: string, withToken: string) => {
    const u = new URL(target);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    u.searchParams.set('signature', createHash('sha1').update([withToken, timestamp, nonce].sort().join('')).digest('hex'));
    u.searchParams.set('timestamp', timestamp);
    u.searchParams.set('nonce', nonce);
    return u;
  };
  return {
    url,
    appId,
    appSecret,
    token,
    templateId,
    followers,
    sent,
    get tokenRequests() {
      return tokenRequests;
    },
    failNext: (errcode, errmsg) => failures.push({ errcode, errmsg }),
    expireTokens: () => live.clear(),
    push(target, fields, opts = {}) {
      const xml = `<xml>${Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`)).join('')}</xml>`;
      const u = opts.unsigned ? new URL(target) : signed(target, opts.token ?? token);
      return fetch(u, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: xml });
    },
    check(target, echostr, withToken = token) {
      const u = signed(target, withToken);
      u.searchParams.set('echostr', echostr);
      return fetch(u);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
