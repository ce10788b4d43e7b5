/**
 * An admin's merge and un-merge (routers/identity.ts): the recorded merge path (merge.ts,
 * unmerge.ts) in one transaction, then the runs are told (tell.ts): ended once-only entries,
 * segment changes, and the profile as it is now for every running entry of both people.
 */
import { TRPCError } from '@trpc/server';
import type { RouteDeps } from '../enrol/route.js';
import { mergeCustomers, type MergeOutcome } from './merge.js';
import { tellRuns } from './tell.js';
import { unmergeCustomers, UnmergeRefused, type UnmergeOutcome } from './unmerge.js';

export async function mergeByHand(deps: RouteDeps, sourceId: string, targetId: string, by: string): Promise<MergeOutcome & { told: Awaited<ReturnType<typeof tellRuns>> }> {
  if (sourceId === targetId) throw new TRPCError({ code: 'BAD_REQUEST', message: `cannot merge ${sourceId} into itself` });
  const found = await deps.db.customer.findMany({ where: { id: { in: [sourceId, targetId] } }, select: { id: true, mergedInto: true } });
  for (const id of [sourceId, targetId]) {
    const c = found.find((f) => f.id === id);
    if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${id}"` });
    if (c.mergedInto) throw new TRPCError({ code: 'CONFLICT', message: `${id} was merged into ${c.mergedInto} already` });
  }
  const outcome = await deps.db.$transaction((tx) => mergeCustomers(tx, sourceId, targetId, 'manual', { now: deps.clock.now(), by }), { timeout: 60_000 });
  if (!outcome.merged) throw new TRPCError({ code: 'CONFLICT', message: outcome.skipped ?? 'nothing was merged' });
  const told = await tellRuns(deps, { ended: outcome.ended, segmentRows: outcome.segmentRows, profilesOf: [outcome.targetId] });
  return { ...outcome, told };
}

export async function unmergeByHand(deps: RouteDeps, mergeId: string, by: string): Promise<UnmergeOutcome & { told: Awaited<ReturnType<typeof tellRuns>> }> {
  const outcome = await deps.db.$transaction((tx) => unmergeCustomers(tx, mergeId, by, deps.clock.now()), { timeout: 60_000 }).catch((err: unknown) => {
    if (err instanceof UnmergeRefused) throw new TRPCError({ code: err.code, message: err.message });
    throw err;
  });
  const told = await tellRuns(deps, { segmentRows: outcome.segmentRows, profilesOf: [outcome.sourceId, outcome.targetId] });
  return { ...outcome, told };
}
