/**
 * Membership that moves with the clock alone ("ordered in the last 30 days", "signed up in the
 * last week") changes without any event of the customer, so the incremental update never sees
 * it. This refresh recomputes such segments (their rules have a window or a relative date) once
 * their last recompute is older than REFRESH_EVERY_MS, one segment per pass, oldest first; entries
 * and exits it finds are routed like ingest's (the "enters segment" trigger).
 */
import type { Db } from '@cairn/db';
import { depsOf } from '@cairn/core';
import { loadSegments, recomputeSegment, type RecomputeResult } from '@cairn/engine/runtime';
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';

export const REFRESH_EVERY_MS = 60 * 60_000;
const PASS_MS = 60_000;

/** Recomputes the most overdue time-relative segment, if any is due at `now`. */
export async function refreshDue(deps: RouteDeps, now: number): Promise<{ segmentId: string; result: RecomputeResult } | undefined> {
  const timed = (await loadSegments(deps.db)).filter((s) => depsOf(s.definition).timeRelative).map((s) => s.id);
  if (!timed.length) return undefined;
  const due = await deps.db.segment.findFirst({
    where: { id: { in: timed }, OR: [{ computedAt: null }, { computedAt: { lt: new Date(now - REFRESH_EVERY_MS) } }] },
    orderBy: { computedAt: { sort: 'asc', nulls: 'first' } },
    select: { id: true },
  });
  if (!due) return undefined;
  const result = await recomputeSegment(deps.db, due.id, now, async (rows) => {
    if (rows.length) await routeRows(deps, rows);
  });
  return { segmentId: due.id, result };
}

/** Runs `refreshDue` every minute (one pass at a time) until stopped. */
export function startSegmentRefresh(deps: RouteDeps & { db: Db }, log: (m: string) => void): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const pass = () =>
    (current ??= refreshDue(deps, deps.clock.now())
      .then((r) => {
        if (r && (r.result.entered || r.result.exited)) log(`segment ${r.segmentId} refreshed: ${r.result.entered} entered, ${r.result.exited} exited`);
      })
      .catch((err: unknown) => log(`segment refresh: ${(err as Error).message}`))
      .finally(() => (current = undefined)));
  const timer = setInterval(() => void pass(), PASS_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
