/**
 * Routes events that were stored but never routed (the process died after storing, or Temporal
 * was unreachable). Runs at start-up and then periodically; routing is idempotent.
 */
import type { EventRow } from '@cairn/db';
import type { RouteDeps } from './route.js';
import { routeRows } from './route.js';

export async function sweepUnrouted(deps: RouteDeps, opts: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = new Date(deps.clock.now() - (opts.olderThanMs ?? 30_000));
  const rows = await deps.db.event.findMany({
    where: { processedAt: null, receivedAt: { lt: cutoff } },
    orderBy: { receivedAt: 'asc' },
    take: opts.limit ?? 500,
  });
  // Group each call with its "$attribute_changed" rows (messageId "<call>#<attribute>").
  const calls = new Map<string, EventRow[]>();
  for (const r of rows) {
    const base = r.type === 'attribute' ? r.messageId.split('#')[0]! : r.messageId;
    const list = calls.get(base) ?? [];
    if (r.type === 'attribute') list.push(r);
    else list.unshift(r);
    calls.set(base, list);
  }
  let routed = 0;
  for (const group of calls.values()) {
    await routeRows(deps, group);
    routed += group.length;
  }
  return routed;
}
