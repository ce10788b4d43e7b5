/**
 * The merge by the same address for writes that are not ingest calls (the CSV import): each
 * customer named is merged with the known customers sharing its email or phone, the profile seen
 * first surviving, one transaction per merge; then their runs are told (tell.ts). Only when the
 * workspace merges on the same address (settings.ts).
 */
import type { RouteDeps } from '../enrol/route.js';
import { mergeCustomers, type MergeOutcome } from './merge.js';
import { firstSeen, sameAddress } from './match.js';
import { loadIdentitySettings } from './settings.js';
import { tellRuns } from './tell.js';

export async function mergeSameAddress(deps: RouteDeps, customerIds: readonly string[], by: string): Promise<MergeOutcome[]> {
  if (!customerIds.length || !(await loadIdentitySettings(deps.db)).mergeOnSameAddress) return [];
  const outcomes: MergeOutcome[] = [];
  for (const id of customerIds) {
    const me = await deps.db.customer.findUnique({ where: { id }, select: { id: true, createdAt: true, email: true, phone: true, mergedInto: true, anonymous: true } });
    if (!me || me.mergedInto || me.anonymous) continue;
    const matches = await sameAddress(deps.db, me, [me.id], { knownOnly: true });
    if (!matches.length) continue;
    const [survivor, ...later] = [...matches, { ...me, via: matches[0]!.via }].sort(firstSeen);
    for (const other of later) {
      const reason = other.id === me.id ? survivor!.via : other.via;
      outcomes.push(await deps.db.$transaction((tx) => mergeCustomers(tx, other.id, survivor!.id, reason, { now: deps.clock.now(), by }), { timeout: 60_000 }));
    }
  }
  const merged = outcomes.filter((o) => o.merged);
  if (merged.length) {
    await tellRuns(deps, { ended: merged.flatMap((o) => o.ended), segmentRows: merged.flatMap((o) => o.segmentRows), profilesOf: merged.map((o) => o.targetId) });
  }
  return outcomes;
}
