/**
 * Providers' inbound hooks over HTTP: `POST /v1/providers/<provider>/<hook>` (public, no login:
 * the vendor calls it). The hook's `verify` checks the vendor's signature over the URL it called
 * and the raw body first; a forged or unsigned request is answered 403 and changes nothing.
 * Then `handle` runs with a context that writes receipts on message rows and opt-outs through
 * the one suppression writer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channels, InboundContext, InboundRequest } from '@cairn/engine/runtime';
import { PROVIDER_INBOUND_PREFIX } from '@cairn/engine/runtime';
import type { RouteDeps } from '../enrol/route.js';
import { BodyError, readBody, sendJson } from '../http/body.js';
import { optIn, optOut } from '../policy/opt-out.js';
import { applyReceipt } from './receipts.js';

export interface ProviderInboundDeps extends RouteDeps {
  channels: Channels;
  /** CAIRN_PUBLIC_URL when set: the URL vendors call (and sign) is built on it, else on the Host header. */
  publicUrl?: string;
  log?: (message: string) => void;
}

export function isProviderInboundPath(pathname: string): boolean {
  return pathname.startsWith(PROVIDER_INBOUND_PREFIX);
}

export async function handleProviderInbound(deps: ProviderInboundDeps, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [provider = '', hook = '', ...rest] = pathname.slice(PROVIDER_INBOUND_PREFIX.length).split('/');
  const found = rest.length === 0 ? await deps.channels.inbound(provider) : undefined;
  const handler = found?.def.inbound?.[hook];
  if (!found || !handler) return sendJson(res, 404, { error: `no inbound hook at ${pathname} (is the provider configured?)` });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST here' });
  let body: string;
  try {
    body = await readBody(req, 256 * 1024);
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
    throw err;
  }
  const type = String(req.headers['content-type'] ?? '');
  const base = deps.publicUrl ? deps.publicUrl.replace(/\/+$/, '') : `http://${req.headers.host ?? 'localhost'}`;
  const request: InboundRequest = {
    method: req.method,
    url: `${base}${req.url ?? pathname}`,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
    body,
    form: type.includes('x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {},
  };
  if (!(await handler.verify(request, found.env))) {
    deps.log?.(`${provider}/${hook}: refused a request whose signature is missing or wrong`);
    return sendJson(res, 403, { error: 'the request signature is missing or not valid' });
  }
  const ctx: InboundContext<Record<string, unknown>, Record<string, unknown>> = {
    env: found.env,
    settings: found.settings,
    receipt: (r) => applyReceipt(deps.db, provider, r, new Date(deps.clock.now())),
    optOut: (a) => optOut(deps, a),
    optIn: (a) => optIn(deps, { ...a, keyword: a.keyword ?? 'START' }),
    log: (m) => deps.log?.(`${provider}/${hook}: ${m}`),
  };
  const reply = await handler.handle(request, ctx);
  res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.body), 'Cache-Control': 'no-store' });
  res.end(reply.body);
}
