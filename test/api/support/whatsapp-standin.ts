/**
 * A local stand-in for the WhatsApp Cloud API (Meta's Graph API) and its webhook. Meta cannot be
 * reached from here (no network but package registries), so the tests point the provider at this
 * server (WHATSAPP_API_URL) and it speaks what Meta documents:
 * - `POST /<version>/<phone-number-id>/messages` with `Authorization: Bearer <token>` (401, Graph
 *   error 190 otherwise; an unknown phone number id answers 400, error 100) and
 *   `{ messaging_product: "whatsapp", to, type: "text" | "template", … }`, answered
 *   `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: "wamid.…" }] }`; an
 *   unknown template answers 404, error 132001;
 * - `failNext(status, code, details)`: the next send answers that Graph error;
 * - webhook notifications POSTed to Cairn as Meta sends them (`object: whatsapp_business_account`,
 *   `entry[].changes[].value`), signed `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret,
 *   body)>`, computed here with node:crypto; and Meta's GET handshake (`hub.mode`,
 *   `hub.verify_token`, `hub.challenge`).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WhatsAppMessage {
  id: string;
  body: { messaging_product: string; to: string; type: string; text?: { body: string }; template?: { name: string; language: { code: string }; components?: unknown[] }; biz_opaque_callback_data?: string };
}

export interface WhatsAppStandIn {
  url: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  phoneNumberId: string;
  templateName: string;
  messages: WhatsAppMessage[];
  failNext(status: number, code: number, details: string): void;
  /** Posts a signed notification whose one change has `value` (metadata filled in). */
  event(url: string, value: Record<string, unknown>, opts?: { secret?: string; unsigned?: boolean }): Promise<Response>;
  /** Meta's GET handshake on the callback URL. */
  handshake(url: string, verifyToken: string, challenge: string): Promise<Response>;
  close(): Promise<void>;
}

const graphError = (code: number, message: string, details?: string) => ({
  error: { message, type: 'OAuthException', code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: randomBytes(8).toString('base64url') },
});

export async function startWhatsAppStandIn(): Promise<WhatsAppStandIn> {
  const accessToken = `EAAG${randomBytes(30).toString('base64url')}`;
  const appSecret = randomBytes(16).toString('hex');
  const verifyToken = randomBytes(12).toString('hex');
  const phoneNumberId = '106540352242922';
  const templateName = 'order_update';
  const messages: WhatsAppMessage[] = [];
  const failures: Array<{ status: number; code: number; details: string }> = [];
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return json(res, 400, graphError(100, 'Unknown path components'));
      if (req.headers.authorization !== `Bearer ${accessToken}`) return json(res, 401, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
      if (m[1] !== phoneNumberId) return json(res, 400, graphError(100, `Unsupported post request. Object with ID '${m[1]}' does not exist`));
      const failure = failures.shift();
      if (failure) return json(res, failure.status, graphError(failure.code, 'Message failed to send', failure.details));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WhatsAppMessage['body'];
      if (body.messaging_product !== 'whatsapp') return json(res, 400, graphError(100, 'The parameter messaging_product is required.'));
      if (!/^\d{7,15}$/.test(body.to ?? '')) return json(res, 400, graphError(131009, 'Parameter value is not valid', 'to: not a phone number'));
      if (body.type === 'text' && typeof body.text?.body !== 'string') return json(res, 400, graphError(100, 'The parameter text[\'body\'] is required.'));
      if (body.type === 'template' && body.template?.name !== templateName) return json(res, 404, graphError(132001, 'Template name does not exist in the translation', `template name (${body.template?.name}) does not exist in ${body.template?.language?.code}`));
      if (body.type !== 'text' && body.type !== 'template') return json(res, 400, graphError(100, 'Invalid parameter', 'type'));
      const id = `wamid.${Buffer.from(`${body.to}${randomBytes(12).toString('hex')}`).toString('base64')}`;
      messages.push({ id, body });
      return json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    accessToken,
    appSecret,
    verifyToken,
    phoneNumberId,
    templateName,
    messages,
    failNext: (status, code, details) => failures.push({ status, code, details }),
    async event(target, value, opts = {}) {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }] }],
      });
      const signature = `sha256=${createHmac('sha256', opts.secret ?? appSecret).update(body).digest('hex')}`;
      return fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(opts.unsigned ? {} : { 'X-Hub-Signature-256': signature }) }, body });
    },
    handshake(target, token, challenge) {
      const u = new URL(target);
      u.searchParams.set('hub.mode', 'subscribe');
      u.searchParams.set('hub.verify_token', token);
      u.searchParams.set('hub.challenge', challenge);
      return fetch(u);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
