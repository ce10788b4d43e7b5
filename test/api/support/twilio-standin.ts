/**
 * A local stand-in for Twilio's REST API and its webhooks. Twilio cannot be reached from here (no
 * network but package registries), so the tests point the official `twilio` SDK at this server
 * (TWILIO_API_URL) and it speaks what Twilio documents:
 * - `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded (To, From or
 *   MessagingServiceSid, Body, StatusCallback), HTTP Basic auth AccountSid:AuthToken, answered
 *   201 with the Message resource as JSON (sid "SM" + 32 hex, status "queued"); a wrong account
 *   or token gets 401 with error 20003, a To that is not E.164 gets 400 with error 21211;
 * - status callbacks and incoming messages POSTed to Cairn form-encoded, signed like Twilio signs
 *   them: X-Twilio-Signature = base64(HMAC-SHA1(auth token, URL + each POST field's name and
 *   value, sorted by name)). The signature is computed here independently of the SDK, so Cairn's
 *   check (the SDK's validateRequest) is tested against the documented algorithm.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  auth: string;
}

export interface TwilioStandIn {
  url: string;
  accountSid: string;
  authToken: string;
  messages: SentSms[];
  /** Posts a status callback for a message, as Twilio does, signed with `token` (default: the right one). */
  statusCallback(sid: string, status: 'sent' | 'delivered' | 'undelivered' | 'failed', opts?: { errorCode?: string; token?: string; signature?: string | null }): Promise<Response>;
  /** Posts an incoming message to `url`, as Twilio does for a number's "A message comes in" webhook. */
  incoming(url: string, from: string, body: string, opts?: { token?: string; signature?: string | null; sid?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** Twilio's documented request signature. */
export function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const messages: SentSms[] = [];
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString().split(':');
      if (req.method !== 'POST' || !req.url?.startsWith('/2010-04-01/Accounts/')) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      if (user !== accountSid || pass !== authToken || req.url !== path) return json(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      if (!/^\+[1-9]\d{4,14}$/.test(form.To ?? '')) return json(res, 400, { code: 21211, message: `The 'To' number ${form.To} is not a valid phone number.`, status: 400 });
      if (!form.From && !form.MessagingServiceSid) return json(res, 400, { code: 21603, message: "A 'From' or 'MessagingServiceSid' parameter is required", status: 400 });
      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ sid, to: form.To as string, ...(form.From ? { from: form.From } : {}), ...(form.MessagingServiceSid ? { messagingServiceSid: form.MessagingServiceSid } : {}), body: form.Body ?? '', ...(form.StatusCallback ? { statusCallback: form.StatusCallback } : {}), auth });
      const now = new Date().toUTCString();
      json(res, 201, {
        account_sid: accountSid, api_version: '2010-04-01', body: form.Body ?? '', date_created: now, date_sent: null, date_updated: now,
        direction: 'outbound-api', error_code: null, error_message: null, from: form.From ?? null, messaging_service_sid: form.MessagingServiceSid ?? null,
        num_media: '0', num_segments: '1', price: null, price_unit: 'USD', sid, status: 'queued', subresource_uris: { media: `${path.replace('.json', '')}/${sid}/Media.json` },
        to: form.To, uri: `${path.replace('.json', '')}/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = (target: string, params: Record<string, string>, token: string, signature: string | null | undefined) =>
    fetch(target, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'User-Agent': 'TwilioProxy/1.1',
        ...(signature === null ? {} : { 'X-Twilio-Signature': signature ?? twilioSignature(token, target, params) }),
      },
      body: new URLSearchParams(params).toString(),
    });

  return {
    url,
    accountSid,
    authToken,
    messages,
    statusCallback(sid, status, opts = {}) {
      const m = messages.find((x) => x.sid === sid);
      if (!m?.statusCallback) throw new Error(`no message ${sid} with a StatusCallback`);
      const params: Record<string, string> = {
        AccountSid: accountSid, ApiVersion: '2010-04-01', From: m.from ?? '', MessageSid: sid, MessageStatus: status, SmsSid: sid, SmsStatus: status, To: m.to,
        ...(opts.errorCode ? { ErrorCode: opts.errorCode } : {}),
      };
      return post(m.statusCallback, params, opts.token ?? authToken, opts.signature);
    },
    incoming(target, from, body, opts = {}) {
      const sid = opts.sid ?? `SM${randomBytes(16).toString('hex')}`;
      const params: Record<string, string> = {
        AccountSid: accountSid, ApiVersion: '2010-04-01', Body: body, From: from, FromCountry: 'VN', MessageSid: sid, NumMedia: '0', NumSegments: '1',
        SmsMessageSid: sid, SmsSid: sid, SmsStatus: 'received', To: '+15005550006', ToCountry: 'US',
      };
      return post(target, params, opts.token ?? authToken, opts.signature);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
