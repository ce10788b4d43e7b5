/**
 * Providers' inbound hooks over HTTP: `/v1/providers/<provider>/<hook>` (no login: a vendor or a
 * browser calls it). Who may call is the hook's `auth`: a vendor's hook is POSTed and its
 * `verify` checks the vendor's signature over the URL it called and the raw body first (a forged
 * or unsigned request is answered 403 and changes nothing); a browser's hook needs the
 * workspace's write key (401 without); a public one is GET only and only reads. Then `handle`
 * runs with a context that writes receipts on message rows, opt-outs through the one suppression
 * writer, and addresses (push subscriptions) on the customer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channels, InboundContext, InboundRequest } from '@cairn/engine/runtime';
import { PROVIDER_INBOUND_PREFIX, pushDeviceKind } from '@cairn/engine/runtime';
import type { RouteDeps } from '../enrol/route.js';
import { BodyError, readBody, sendJson } from '../http/body.js';
import { writeKeyFrom } from '../ingest/auth.js';
import { optIn, optOut, replied } from '../policy/opt-out.js';
import { messageEvent, receiveReceipt } from './receipts.js';

export interface ProviderInboundDeps extends RouteDeps {
  channels: Channels;
  /** CAIRN_PUBLIC_URL when set: the URL vendors call (and sign) is built on it, else on the Host header. */
  publicUrl?: string;
  /** The ingest's write key check, for hooks browsers call. */
  isValidKey(key: string | undefined): Promise<boolean>;
  log?: (message: string) => void;
}

const ADDRESS_FIELD = { email: 'email', sms: 'phone', push: 'pushToken', chat: 'chatId' } as const;

export function isProviderInboundPath(pathname: string): boolean {
  return pathname.startsWith(PROVIDER_INBOUND_PREFIX);
}

export async function handleProviderInbound(deps: ProviderInboundDeps, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [provider = '', hook = '', ...rest] = pathname.slice(PROVIDER_INBOUND_PREFIX.length).split('/');
  const found = rest.length === 0 ? await deps.channels.inbound(provider) : undefined;
  const handler = found?.def.inbound?.[hook];
  if (!found || !handler) return sendJson(res, 404, { error: `no inbound hook at ${pathname} (is the provider configured?)` });
  const auth = handler.auth ?? 'signature';
  const method = auth === 'public' ? 'GET' : 'POST';
  // A vendor's subscription handshake (Meta's hub.challenge): a GET the hook answers without changing anything.
  if (req.method === 'GET' && (handler.auth === undefined || handler.auth === 'signature') && handler.challenge) {
    const base = deps.publicUrl ? deps.publicUrl.replace(/\/+$/, '') : `http://${req.headers.host ?? 'localhost'}`;
    const reply = handler.challenge({ method: 'GET', url: `${base}${req.url ?? pathname}`, headers: {}, body: '', form: {} }, found.env);
    res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    return void res.end(reply.body);
  }
  if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) return sendJson(res, 405, { error: `${method} here` });
  let body = '';
  try {
    if (method === 'POST') body = await readBody(req, 256 * 1024);
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
    throw err;
  }
  const type = String(req.headers['content-type'] ?? '');
  const base = deps.publicUrl ? deps.publicUrl.replace(/\/+$/, '') : `http://${req.headers.host ?? 'localhost'}`;
  const request: InboundRequest = {
    method: req.method ?? method,
    url: `${base}${req.url ?? pathname}`,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
    body,
    form: type.includes('x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {},
  };
  if (handler.auth === undefined || handler.auth === 'signature') {
    if (!(await handler.verify(request, found.env, { keep: found.keep }))) {
      deps.log?.(`${provider}/${hook}: refused a request whose signature is missing or wrong`);
      return sendJson(res, 403, { error: 'the request signature is missing or not valid' });
    }
  } else if (handler.auth === 'write-key') {
    const key = writeKeyFrom(req.headers.authorization) ?? new URL(request.url).searchParams.get('key') ?? undefined;
    if (!(await deps.isValidKey(key))) return sendJson(res, 401, { error: 'a valid write key is required (HTTP Basic user name, or ?key=)' });
  }
  const ctx: InboundContext<Record<string, unknown>, Record<string, unknown>> = {
    env: found.env,
    settings: found.settings,
    receipt: (r) => receiveReceipt(deps, provider, r),
    optOut: (a) => optOut(deps, a),
    optIn: (a) => optIn(deps, { ...a, keyword: a.keyword ?? 'START' }),
    replied: (r) => replied(deps, { ...r, provider }),
    messageEvent: (e) => messageEvent(deps, provider, e),
    setAddress: async (customerId, channel, address) => {
      const field = ADDRESS_FIELD[channel];
      await deps.db.customer.upsert({ where: { id: customerId }, create: { id: customerId, [field]: address }, update: { [field]: address } });
      // Each browser or app that registers is one more device a push step reaches.
      if (channel === 'push') {
        await deps.db.pushDevice.upsert({ where: { customerId_address: { customerId, address } }, create: { customerId, address, kind: pushDeviceKind(address) }, update: {} });
      }
    },
    keep: found.keep,
    inboundUrl: (h) => deps.channels.inboundUrl(provider, h),
    log: (m) => deps.log?.(`${provider}/${hook}: ${m}`),
  };
  const reply = await handler.handle(request, ctx);
  res.writeHead(reply.status, { ...reply.headers, 'Content-Type': reply.contentType ?? 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.body), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}
