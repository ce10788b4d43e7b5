/**
 * The journeys customers can enter now (status active, with a published version), with their
 * parsed definitions. Versions are immutable, so parsed definitions are cached by version id.
 */
import type { Db } from '@cairn/db';
import { Journey, historyNeeds } from '@cairn/engine';

export interface LiveJourney {
  journeyId: string;
  name: string;
  versionId: string;
  version: number;
  definition: Journey;
  /** Event names the journey's rules look back at (loaded into the run's history). */
  historyNeeds: string[];
}

const cache = new Map<string, { definition: Journey; historyNeeds: string[] }>();
const CACHE_MAX = 2000;

function parsed(versionId: string, json: unknown): { definition: Journey; historyNeeds: string[] } {
  let hit = cache.get(versionId);
  if (!hit) {
    const definition = Journey.parse(json);
    hit = { definition, historyNeeds: historyNeeds(definition) };
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(versionId, hit);
  }
  return hit;
}

export async function liveJourneys(db: Db, onlyJourneyId?: string): Promise<LiveJourney[]> {
  const journeys = await db.journey.findMany({
    where: { status: 'active', liveVersion: { not: null }, ...(onlyJourneyId ? { id: onlyJourneyId } : {}) },
    select: { id: true, name: true, liveVersion: true },
  });
  if (journeys.length === 0) return [];
  const versions = await db.journeyVersion.findMany({
    where: { OR: journeys.map((j) => ({ journeyId: j.id, version: j.liveVersion as number })) },
  });
  return versions.map((v) => {
    const j = journeys.find((x) => x.id === v.journeyId)!;
    return { journeyId: v.journeyId, name: j.name, versionId: v.id, version: v.version, ...parsed(v.id, v.definition) };
  });
}
