/**
 * Publishing with "move waiting customers": the customers inside the live version go on in the
 * new one, each old wait's customers at the step the node map names (engine version-map.ts). The
 * map is checked before anything is published; after publishing, every running customer of the
 * old version whose step is not left behind gets a `moveVersion` signal, which their workflow
 * applies at its next wait (engine workflow/move-version.ts). Customers on older versions, and
 * those mapped to `leave`, stay where they are.
 */
import type { Db, JourneyVersionRow } from '@cairn/db';
import { LEAVE, parseJourney, resolveNodeMap, type JourneyInput, type NodeMap } from '@cairn/core';
import type { MoveVersionRequest } from '@cairn/engine/workflow';
import { TRPCError } from '@trpc/server';
import type { JourneyRunner } from '../enrol/runner.js';
import { ProblemsError } from '../errors.js';
import { requireJourney } from './lifecycle.js';

export interface MovePlan {
  fromVersion: number;
  map: NodeMap;
}

/**
 * The complete map from the live version to `draft` (the stored draft when undefined), with the
 * marketer's `choices`; refused (BAD_REQUEST) when there is no live version or a choice is wrong.
 */
export async function planMove(db: Db, journeyId: string, draft: unknown, choices: NodeMap): Promise<MovePlan> {
  const journey = await requireJourney(db, journeyId);
  if (journey.liveVersion === null) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'nothing is live yet: there is nobody to move' });
  }
  const live = await db.journeyVersion.findUniqueOrThrow({ where: { journeyId_version: { journeyId, version: journey.liveVersion } } });
  const from = parseJourney(live.definition);
  const to = parseJourney(draft ?? journey.draft);
  // An unreadable draft is refused by publishing itself, with every problem listed.
  if (!from.ok || !to.ok) return { fromVersion: journey.liveVersion, map: {} };
  const resolved = resolveNodeMap(from.journey, to.journey, choices);
  if (resolved.problems.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `cannot move the waiting customers: ${resolved.problems.map((p) => p.message).join('; ')}`,
      cause: new ProblemsError('node map refused', resolved.problems.map((p) => ({ severity: 'error' as const, code: 'node-map', nodeId: p.nodeId, message: p.message }))),
    });
  }
  return { fromVersion: journey.liveVersion, map: resolved.map };
}

/** Signals the move to every running customer of `plan.fromVersion` not mapped to stay. */
export async function moveWaiting(db: Db, runner: JourneyRunner, to: JourneyVersionRow, plan: MovePlan): Promise<{ moving: number; staying: number }> {
  const running = await db.enrolment.findMany({
    where: { journeyId: to.journeyId, version: plan.fromVersion, status: { in: ['active', 'waiting'] } },
    select: { workflowId: true, currentNodeId: true },
  });
  const request: MoveVersionRequest = { versionId: to.id, version: to.version, journey: to.definition as unknown as JourneyInput, nodeMap: plan.map };
  // A running customer between waits is signalled too: the move applies at the wait they reach.
  const movers = running.filter((e) => plan.map[e.currentNodeId ?? ''] !== LEAVE);
  let moving = 0;
  for (let i = 0; i < movers.length; i += 50) {
    const batch = movers.slice(i, i + 50);
    const reached = await Promise.all(batch.map((e) => runner.signal(e.workflowId, { kind: 'move', request })));
    moving += reached.filter(Boolean).length;
  }
  return { moving, staying: running.length - movers.length };
}
