/**
 * Opens and clicks of marketing email (engine/src/delivery/tracking.ts), public, no login:
 *   GET /v1/t/o/<token>   the open pixel: an "Email Opened" event, once per message, and a 1x1 GIF
 *   GET /v1/t/c/<token>   a link: an "Email Link Clicked" event, once per message and link, and a
 *                         302 to the link's target as kept on the message row (never from the URL)
 * A token that does not verify, or names no tracked link, gets 404 and no redirect. Mail scanners
 * open links too, so clicks and opens are signals, not proof of a person.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRACKING_PREFIX, verifyTrackingToken, type UnsubscribeSecrets } from '@cairn/engine/runtime';
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';
import { storeCall } from '../ingest/store.js';

export const OPENED_EVENT = 'Email Opened';
export const CLICKED_EVENT = 'Email Link Clicked';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface TrackingDeps extends RouteDeps {
  secrets(): Promise<UnsubscribeSecrets>;
  log?: (m: string) => void;
}

export function isTrackingPath(pathname: string): boolean {
  return pathname.startsWith(TRACKING_PREFIX);
}

export async function handleTracking(deps: TrackingDeps, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [kind, token = ''] = pathname.slice(TRACKING_PREFIX.length).split('/');
  const notFound = () => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('This link is not valid.\n');
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return notFound();
  const verified = verifyTrackingToken((await deps.secrets()).all, token.replace(/\.gif$/, ''));
  if (!verified || (kind === 'o') !== (verified.what === 'o') || (kind !== 'o' && kind !== 'c')) return notFound();
  const row = await deps.db.message.findUnique({ where: { id: verified.messageId }, select: { id: true, customerId: true, journeyId: true, nodeId: true, channel: true, content: true } });
  if (!row) return notFound();
  const where = { messageId: row.id, channel: row.channel, ...(row.journeyId ? { journeyId: row.journeyId } : {}), ...(row.nodeId ? { nodeId: row.nodeId } : {}) };
  if (verified.what === 'o') {
    await emit(deps, row.customerId, OPENED_EVENT, where, `opened:${row.id}`);
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Content-Length': GIF.length, 'Cache-Control': 'no-store, private' });
    res.end(req.method === 'HEAD' ? undefined : GIF);
    return;
  }
  let links: unknown;
  try {
    links = JSON.parse(String((row.content as Record<string, unknown> | null)?.tracked_links ?? '[]'));
  } catch {
    links = [];
  }
  const target = Array.isArray(links) ? links[verified.what] : undefined;
  if (typeof target !== 'string' || !/^https?:\/\//.test(target)) return notFound();
  await emit(deps, row.customerId, CLICKED_EVENT, { ...where, url: target, link: verified.what }, `clicked:${row.id}:${verified.what}`);
  res.writeHead(302, { Location: target, 'Cache-Control': 'no-store, private', 'Referrer-Policy': 'no-referrer' });
  res.end();
}

async function emit(deps: TrackingDeps, customerId: string, name: string, properties: Record<string, unknown>, messageId: string): Promise<void> {
  try {
    const stored = await storeCall(deps.db, { type: 'track', customerId, name, properties, messageId }, deps.clock.now());
    if (!stored.rows.every((r) => r.processedAt)) await routeRows(deps, stored.rows);
  } catch (err) {
    // The redirect matters more than the event: the sweep routes what was stored.
    deps.log?.(`tracking: ${name} for ${customerId} was not routed: ${(err as Error).message}`);
  }
}
