/**
 * Fires schedule triggers: for each live journey's schedule node whose time has come, claim one
 * ScheduleRun (unique per journey, node and time) and enrol every customer of the node's segment
 * through the ordinary routing, with a "$schedule" event. Each customer's entry is claimed by its
 * own event id, so resuming a run after a crash, or two processes running it, enrols no one twice.
 */
import type { EventRow, ScheduleRunRow } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { SCHEDULE_FIRED } from '@cairn/core';
import { liveJourneys } from '../enrol/live.js';
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';
import { lastDueFire } from './due.js';

const PAGE = 500;
/** Runs this process is working through (not resumed a second time by its own ticker). */
const active = new Set<string>();

/** Claims the schedule firings that are due now; returns the runs it claimed. */
export async function claimDueRuns(deps: RouteDeps): Promise<ScheduleRunRow[]> {
  const now = deps.clock.now();
  const claimed: ScheduleRunRow[] = [];
  for (const j of await liveJourneys(deps.db)) {
    for (const node of j.definition.nodes) {
      if (node.type !== 'trigger.schedule') continue;
      const last = await deps.db.scheduleRun.findFirst({
        where: { journeyId: j.journeyId, nodeId: node.id },
        orderBy: { firesAt: 'desc' },
        select: { firesAt: true },
      });
      // Never fire for times before this version was published (no back-filling on publish).
      const after = Math.max(j.publishedAt.getTime(), last?.firesAt.getTime() ?? 0);
      const due = lastDueFire(node.schedule, j.definition.settings.timeZone, after, now);
      if (due === undefined) continue;
      try {
        claimed.push(await deps.db.scheduleRun.create({ data: { journeyId: j.journeyId, versionId: j.versionId, nodeId: node.id, firesAt: new Date(due) } }));
      } catch (err) {
        if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      }
    }
  }
  return claimed;
}

/** Enrols the segment of one run, page by page, and marks it complete. */
export async function executeRun(deps: RouteDeps, run: ScheduleRunRow): Promise<number> {
  active.add(run.id);
  try {
    let enrolled = 0;
    let cursor: string | undefined;
    for (;;) {
      const customers = await deps.db.customer.findMany({
        // Profiles merged into another are the surviving one's: enrolled once, as that one.
        where: { mergedInto: null },
        orderBy: { id: 'asc' },
        take: PAGE,
        select: { id: true },
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const c of customers) {
        const outcome = await routeRows(deps, [scheduleEvent(run, c.id)], { onlyJourneyId: run.journeyId, signalRunning: false });
        enrolled += outcome.enrolled.length;
      }
      if (customers.length < PAGE) break;
      cursor = customers[customers.length - 1]!.id;
    }
    await deps.db.scheduleRun.update({ where: { id: run.id }, data: { completedAt: new Date(deps.clock.now()), enrolled } });
    return enrolled;
  } finally {
    active.delete(run.id);
  }
}

/** One tick: claim what is due, resume what a crash left unfinished, run them all. */
export async function runSchedules(deps: RouteDeps): Promise<Array<{ run: ScheduleRunRow; enrolled: number }>> {
  await claimDueRuns(deps);
  const open = await deps.db.scheduleRun.findMany({ where: { completedAt: null }, orderBy: { firesAt: 'asc' } });
  const done: Array<{ run: ScheduleRunRow; enrolled: number }> = [];
  for (const run of open) {
    if (active.has(run.id)) continue;
    done.push({ run, enrolled: await executeRun(deps, run) });
  }
  return done;
}

/**
 * The entry event of one customer for one run. It is not stored (a daily schedule over every
 * customer would flood the event table); its id makes the entry claim idempotent.
 */
function scheduleEvent(run: ScheduleRunRow, customerId: string): EventRow {
  const at = run.firesAt;
  return {
    id: `schedule:${run.id}:${customerId}`,
    messageId: `schedule:${run.nodeId}:${at.toISOString()}:${customerId}`,
    customerId,
    type: 'schedule',
    name: SCHEDULE_FIRED,
    properties: { nodeId: run.nodeId, firesAt: at.toISOString() },
    context: null,
    timestamp: at,
    receivedAt: at,
    processedAt: null,
  };
}
