/**
 * The journeys customers can enter now (status active, with a published version), with their
 * parsed definitions. Versions are immutable, so parsed definitions are cached by version id.
 */
import type { Db } from '@cairn/db';
import { historyNeeds, parseJourney, type Journey } from '@cairn/core';
import { entryInterest, type Interest } from './interest.js';

export interface LiveJourney {
  journeyId: string;
  name: string;
  versionId: string;
  version: number;
  publishedAt: Date;
  definition: Journey;
  /** Event names the journey's rules look back at (loaded into the run's history). */
  historyNeeds: string[];
  /** Event names its triggers may match (interest.ts): other events skip its entry checks. */
  entryInterest: Interest;
}

type Parsed = Pick<LiveJourney, 'definition' | 'historyNeeds' | 'entryInterest'>;
const cache = new Map<string, Parsed>();
const CACHE_MAX = 2000;

function parsed(versionId: string, json: unknown): Parsed {
  let hit = cache.get(versionId);
  if (!hit) {
    const res = parseJourney(json);
    if (!res.ok) throw new Error(`published version ${versionId} does not parse: ${res.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    const definition = res.journey;
    hit = { definition, historyNeeds: historyNeeds(definition), entryInterest: entryInterest(definition) };
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(versionId, hit);
  }
  return hit;
}

/**
 * The live list is read on every ingested call: it is cached for a second per database client.
 * Publish, pause, resume and stop through this process clear it at once (`forgetLiveJourneys`);
 * other API processes see such a change within the second.
 */
const LIST_TTL_MS = 1000;
const lists = new WeakMap<Db, { at: number; value: Promise<LiveJourney[]> }>();

export function forgetLiveJourneys(db: Db): void {
  lists.delete(db);
}

export async function liveJourneys(db: Db, onlyJourneyId?: string): Promise<LiveJourney[]> {
  if (onlyJourneyId) return loadLive(db, onlyJourneyId);
  const hit = lists.get(db);
  if (hit && Date.now() - hit.at < LIST_TTL_MS) return hit.value;
  const value = loadLive(db);
  lists.set(db, { at: Date.now(), value });
  value.catch(() => lists.delete(db));
  return value;
}

async function loadLive(db: Db, onlyJourneyId?: string): Promise<LiveJourney[]> {
  const journeys = await db.journey.findMany({
    where: { status: 'active', liveVersion: { not: null }, ...(onlyJourneyId ? { id: onlyJourneyId } : {}) },
    select: { id: true, name: true, liveVersion: true },
  });
  if (journeys.length === 0) return [];
  const versions = await db.journeyVersion.findMany({
    where: { OR: journeys.map((j) => ({ journeyId: j.id, version: j.liveVersion as number })) },
  });
  const out: LiveJourney[] = [];
  for (const v of versions) {
    const j = journeys.find((x) => x.id === v.journeyId)!;
    try {
      out.push({ journeyId: v.journeyId, name: j.name, versionId: v.id, version: v.version, publishedAt: v.publishedAt, ...parsed(v.id, v.definition) });
    } catch (err) {
      // A version the current schema cannot read (written by another release) must not stop
      // every other journey from receiving events: leave it out, and say so once.
      if (!unreadable.has(v.id)) console.error(`journey ${v.journeyId} v${v.version} cannot be read and gets no entries: ${(err as Error).message}`);
      unreadable.add(v.id);
    }
  }
  return out;
}

const unreadable = new Set<string>();
