/**
 * POST /v1/hooks/<type>: the inbound webhook of a custom trigger (`defineTrigger`). Another
 * system (a form tool, a payment provider) calls it; the trigger's `receive` verifies the call
 * (its own signature scheme: vendors sign with a shared secret rather than send our write key)
 * and reads it into customers and properties; each is stored as a `$trigger.<type>` event (a
 * reserved name, so `/v1/track` cannot forge it) and routed like any other event. A retried
 * delivery with the same vendor id is stored once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { customTriggerEvent, triggerOf, TriggerRefusal, type Received } from '@cairn/core';
import { readBody, sendJson, BodyError } from '../http/body.js';
import { line } from '../validation/text.js';
import { resolveIdentities } from '../identity/resolve.js';
import { routeMerges, storeAndRouteTogether, type IngestDeps } from './http.js';
import { Dict, IdValue, Timestamp, type IngestCall } from './segment.js';

export const HOOKS_PREFIX = '/v1/hooks/';

export function isTriggerHookPath(pathname: string): boolean {
  return pathname.startsWith(HOOKS_PREFIX);
}

/** Vendors' deliveries are small; a batch of them fits well under the ingest's own limit. */
const MAX_BODY = 512 * 1024;
/** Most events one delivery may carry. */
const MAX_EVENTS = 100;

/** What a trigger's `receive` returns is checked like any ingest call: a bug in it is a clear 500, bad ids a 400. */
const ReceivedEvent = z.object({
  userId: IdValue,
  properties: Dict,
  messageId: line({ min: 1, max: 200 }).optional(),
  timestamp: Timestamp.optional(),
});

export interface HookDeps extends IngestDeps {
  /** `CAIRN_SECRET_<NAME>` from the server's settings. */
  secret(name: string): string | undefined;
}

export async function handleTriggerHook(deps: HookDeps, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { success: false, error: 'use POST' }, { Allow: 'POST' });
  let type: string;
  try {
    type = decodeURIComponent(url.pathname.slice(HOOKS_PREFIX.length));
  } catch {
    return sendJson(res, 400, { success: false, error: 'the trigger type in the path is not valid percent-encoding' });
  }
  const def = triggerOf(type);
  if (!def) return sendJson(res, 404, { success: false, error: `no custom trigger "${type.slice(0, 80)}" is registered on this server` });
  let rawBody: string;
  try {
    rawBody = await readBody(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, { success: false, error: err.message });
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = undefined; // not JSON: the trigger reads rawBody
  }
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  let received: Received[];
  try {
    const r = await def.receive({ body, rawBody, headers, query: Object.fromEntries(url.searchParams), secret: deps.secret });
    received = Array.isArray(r) ? r : [r];
  } catch (err) {
    if (err instanceof TriggerRefusal) return sendJson(res, err.status >= 400 && err.status < 500 ? err.status : 400, { success: false, error: err.message });
    throw err;
  }
  if (received.length > MAX_EVENTS) return sendJson(res, 413, { success: false, error: `one delivery may carry at most ${MAX_EVENTS} events` });
  const calls: IngestCall[] = [];
  for (const [i, r] of received.entries()) {
    const parsed = ReceivedEvent.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendJson(res, 400, { success: false, error: `event ${i}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
    }
    const e = parsed.data;
    calls.push({
      type: 'track',
      customerId: e.userId,
      userId: e.userId,
      name: customTriggerEvent(def.type),
      properties: e.properties,
      // Vendor ids are namespaced by trigger: two vendors' ids never collide.
      ...(e.messageId ? { messageId: `hook:${def.type}:${e.messageId}` } : {}),
      ...(e.timestamp !== undefined ? { timestamp: e.timestamp } : {}),
    });
  }
  if (calls.length === 0) return sendJson(res, 200, { success: true, stored: 0, duplicates: 0, routed: true });
  await routeMerges(deps, await resolveIdentities(deps.db, calls, deps.clock.now()));
  const result = await storeAndRouteTogether(deps, calls, deps.clock.now());
  sendJson(res, 200, { success: true, ...result });
}
