/**
 * What the journeys list and the publish review say about a journey beyond its row: its lifecycle
 * stage, whether the draft differs from the live version ("unpublished changes"), and where the
 * customers inside are waiting, by version and step title.
 */
import type { Db } from '@cairn/db';
import { hasUnpublishedChanges, parseJourney, stepRef } from '@cairn/engine';

export interface JourneyFacts {
  stage: string | null;
  unpublishedChanges: boolean;
}

/** Stage and unpublished changes of each journey, with one query for all the live versions. */
export async function journeyFacts(db: Db, journeys: Array<{ id: string; draft: unknown; liveVersion: number | null }>): Promise<Map<string, JourneyFacts>> {
  const published = journeys.filter((j) => j.liveVersion !== null);
  const versions = published.length
    ? await db.journeyVersion.findMany({
        where: { OR: published.map((j) => ({ journeyId: j.id, version: j.liveVersion as number })) },
        select: { journeyId: true, definition: true },
      })
    : [];
  const live = new Map(versions.map((v) => [v.journeyId, v.definition]));
  return new Map(
    journeys.map((j) => {
      const stage = (j.draft as { stage?: unknown } | null)?.stage;
      const definition = live.get(j.id);
      return [j.id, { stage: typeof stage === 'string' ? stage : null, unpublishedChanges: definition !== undefined && hasUnpublishedChanges(definition, j.draft) }];
    }),
  );
}

export interface WaitingAt {
  version: number;
  nodeId: string;
  /** The step's title in that version (its label, else its kind). */
  title: string;
  count: number;
}

/**
 * Customers inside the journey now (running or waiting), grouped by the version they entered
 * with and the step they are at: most first, the newest version first.
 */
export async function waitingCustomers(db: Db, journeyId: string): Promise<{ total: number; steps: WaitingAt[] }> {
  const rows = await db.enrolment.groupBy({
    by: ['version', 'currentNodeId'],
    where: { journeyId, status: { in: ['active', 'waiting'] } },
    _count: { _all: true },
  });
  const versions = await db.journeyVersion.findMany({
    where: { journeyId, version: { in: [...new Set(rows.map((r) => r.version))] } },
    select: { version: true, definition: true },
  });
  const titles = new Map<string, string>();
  for (const v of versions) {
    const parsed = parseJourney(v.definition);
    if (parsed.ok) for (const n of parsed.journey.nodes) titles.set(`${v.version}:${n.id}`, stepRef(n).title);
  }
  const steps = rows
    .map((r) => {
      const nodeId = r.currentNodeId ?? '';
      return { version: r.version, nodeId, title: titles.get(`${r.version}:${nodeId}`) ?? (nodeId || 'starting'), count: r._count._all };
    })
    .sort((a, b) => b.version - a.version || b.count - a.count || a.title.localeCompare(b.title));
  return { total: steps.reduce((n, s) => n + s.count, 0), steps };
}
