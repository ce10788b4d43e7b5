/**
 * A journey broadcast's entries: its workflow (engine activities/broadcast.ts) writes one
 * "$enrol" event per customer of the audience, at the broadcast's rate and under its pause and
 * cancel; this routes them to the journey's manual trigger, where the entry rules decide (once,
 * re-entry, at most N at once) and the journey's messages then pass the delivery policy as usual.
 * Routing is idempotent per event (claimEntry), so a repeat or a crash never enrols twice.
 */
import { MANUAL_ENROL } from '@cairn/core';
import type { RouteDeps } from './route.js';
import { routeRows } from './route.js';

export const BROADCAST_ENTRY_PREFIX = 'broadcast:';

/** Routes up to `limit` waiting entries, oldest first; returns how many were routed (failures wait for the next pass). */
export async function routeBroadcastEntries(deps: RouteDeps, limit = 200, log?: (m: string) => void): Promise<number> {
  const rows = await deps.db.event.findMany({
    where: { processedAt: null, name: MANUAL_ENROL, messageId: { startsWith: BROADCAST_ENTRY_PREFIX } },
    orderBy: { receivedAt: 'asc' },
    take: limit,
  });
  let routed = 0;
  for (const row of rows) {
    // One failing entry (Temporal unreachable for a moment) must not hold back the others: it
    // stays unrouted and is tried again on the next pass.
    try {
      await routeRows(deps, [row]);
      routed++;
    } catch (err) {
      log?.(`broadcast entry ${row.messageId}: ${(err as Error).message}`);
    }
  }
  return routed;
}

/** Every second (one pass at a time): entries appear as the broadcast's pages are written. */
export function startBroadcastEntries(deps: RouteDeps, log: (m: string) => void): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const pass = () =>
    (current ??= (async () => {
      // A full batch routed means more may be waiting: go on at once (not after failures: no spinning).
      while ((await routeBroadcastEntries(deps, 200, log)) === 200);
    })()
      .catch((err: unknown) => log(`broadcast entries: ${(err as Error).message}`))
      .finally(() => (current = undefined)));
  const timer = setInterval(() => void pass(), 1_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}

/** How far a journey broadcast's entries are: written, routed, and how many entered the journey. */
export async function broadcastEntries(deps: Pick<RouteDeps, 'db'>, broadcastId: string) {
  const prefix = `${BROADCAST_ENTRY_PREFIX}${broadcastId}:`;
  const [requested, waiting, enrolled] = await Promise.all([
    deps.db.event.count({ where: { name: MANUAL_ENROL, messageId: { startsWith: prefix } } }),
    deps.db.event.count({ where: { name: MANUAL_ENROL, messageId: { startsWith: prefix }, processedAt: null } }),
    deps.db.enrolment.count({ where: { triggerEventId: { startsWith: prefix } } }),
  ]);
  // Routed but not enrolled: the entry rules (or a paused journey) turned them away.
  return { requested, waiting, enrolled, skipped: Math.max(0, requested - waiting - enrolled) };
}
