/**
 * After a merge or an un-merge commits, running journeys hear of it:
 * - later entries into once-only journeys the merge ended get the `remove` signal with reason
 *   "merged" (the control path of journeys.removeCustomer): the run records its own exit;
 * - segment entries and exits the merge recorded are routed ("enters segment" triggers, exits
 *   on leaving), else the sweep routes them;
 * - with `profile`, every running entry of the customers named gets their profile as it is now
 *   (as an identify call would send it). Ingest skips it: the identify that caused the merge sends it.
 * A failure is logged and counted, never thrown: the merge is committed and recorded.
 */
import type { EventRow } from '@cairn/db';
import type { Profile } from '@cairn/core';
import { segmentsOf } from '@cairn/engine/runtime';
import { routeRows, type RouteDeps } from '../enrol/route.js';
import { MERGED_EXIT, type EndedEntry } from './once-only.js';

export interface Told {
  /** Runs told to end (once-only duplicates) that were still running. */
  ended: number;
  /** Runs that got the new profile. */
  profiles: number;
  /** Signals or routing that failed (logged; ended entries are listed in the merge record). */
  failed: number;
}

export async function tellRuns(
  deps: RouteDeps & { log?: (message: string) => void },
  what: { ended?: readonly EndedEntry[]; segmentRows?: readonly EventRow[]; profilesOf?: readonly string[] },
): Promise<Told> {
  const told: Told = { ended: 0, profiles: 0, failed: 0 };
  const log = deps.log ?? ((m: string) => console.error(m));
  for (const e of what.ended ?? []) {
    try {
      if (await deps.runner.signal(e.workflowId, { kind: 'remove', reason: MERGED_EXIT })) told.ended++;
    } catch (err) {
      told.failed++;
      log(`identity: ending ${e.workflowId} (a second entry into a once-only journey) failed: ${(err as Error).message}`);
    }
  }
  if (what.segmentRows?.length) {
    await routeRows(deps, [...what.segmentRows]).catch((err: unknown) => {
      told.failed++;
      log(`identity: routing the segment changes of a merge failed (kept for the sweep): ${(err as Error).message}`);
    });
  }
  for (const id of new Set(what.profilesOf ?? [])) {
    const customer = await deps.db.customer.findUnique({ where: { id } });
    if (!customer || customer.mergedInto) continue;
    const attributes = typeof customer.attributes === 'object' && customer.attributes && !Array.isArray(customer.attributes) ? (customer.attributes as Record<string, unknown>) : {};
    const profile: Profile = { attributes, ...(customer.timeZone ? { timeZone: customer.timeZone } : {}), segments: await segmentsOf(deps.db, id) };
    const running = await deps.db.enrolment.findMany({ where: { customerId: id, status: { in: ['active', 'waiting'] } }, select: { workflowId: true } });
    for (const r of running) {
      try {
        if (await deps.runner.signal(r.workflowId, { kind: 'profile', profile })) told.profiles++;
      } catch (err) {
        told.failed++;
        log(`identity: sending the profile to ${r.workflowId} failed: ${(err as Error).message}`);
      }
    }
  }
  return told;
}
