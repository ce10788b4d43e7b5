/**
 * "Make this the winner": publishes a new version of the live journey in which a random split
 * sends everyone down one variant (that variant 100%, the others and the holdout 0%), through the
 * normal publishing path, so it is one more entry in the version history with its note. Customers
 * already inside keep their version. Refused while the draft has unpublished changes (they would
 * be published with it, unseen) and for anything but a variant of a random split.
 */
import type { Db } from '@cairn/db';
import { hasUnpublishedChanges, parseJourney } from '@cairn/core';
import { TRPCError } from '@trpc/server';
import { publish, requireJourney } from '../journeys/lifecycle.js';

export async function makeWinner(db: Db, input: { journeyId: string; nodeId: string; output: string }, by?: string) {
  const journey = await requireJourney(db, input.journeyId);
  if (journey.liveVersion === null) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `journey "${journey.id}" has not been published` });
  const live = await db.journeyVersion.findUniqueOrThrow({ where: { journeyId_version: { journeyId: journey.id, version: journey.liveVersion } } });
  if (hasUnpublishedChanges(live.definition, journey.draft)) {
    throw new TRPCError({ code: 'CONFLICT', message: 'the draft has unpublished changes: publish or discard them first, so the winner is published alone' });
  }
  const parsed = parseJourney(live.definition);
  if (!parsed.ok) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `version ${live.version} does not parse` });
  const definition = parsed.journey;
  const split = definition.nodes.find((n) => n.id === input.nodeId);
  if (!split || split.type !== 'condition.random') {
    throw new TRPCError({ code: 'NOT_FOUND', message: `version ${live.version} has no random split "${input.nodeId}"` });
  }
  const winner = split.variants.find((v) => v.id === input.output);
  if (!winner) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${input.output}" is not a variant of "${split.label ?? split.id}" (the holdout cannot win)` });
  const next = {
    ...definition,
    nodes: definition.nodes.map((n) =>
      n === split ? { ...split, variants: split.variants.map((v) => ({ ...v, percent: v.id === winner.id ? 100 : 0 })), holdoutPercent: 0 } : n,
    ),
    // With no holdout the split has no holdout output: its edge goes too.
    edges: definition.edges.filter((e) => !(e.source === split.id && e.sourceHandle === 'holdout')),
  };
  const note = `${winner.label} made the winner of ${split.label ?? split.id} (everyone takes it from now on)`;
  const version = await publish(db, journey.id, note, by, next);
  return { version: version.version, note };
}
