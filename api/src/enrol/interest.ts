/**
 * Which event names can make a difference, read once per immutable journey version:
 * - to its triggers (`entryInterest`): only an event one of its triggers may match is worth
 *   loading the customer, its history and claiming entries for;
 * - to a run of it (`runInterest`): events a wait of the journey awaits, its goals, its exit
 *   events and the events its rules look back at (they join the run's history). Any other event
 *   only wakes the run for nothing (a workflow task each), so it is not signalled.
 * The kinds say which events those are (`entryEvents`, `awaitedEvents`, `needsEvents` in their
 * definitions); a kind that does not say counts as interested in every event: a new kind is never
 * starved, only routed as before.
 */
import type { Db } from '@cairn/db';
import { definitionOf, historyNeeds, parseJourney, type Journey } from '@cairn/core';

/** Event names, or every event. */
export type Interest = { all: true } | { all: false; names: ReadonlySet<string> };

const EVERY: Interest = { all: true };

export function wants(interest: Interest, name: string): boolean {
  return interest.all || interest.names.has(name);
}

export function entryInterest(journey: Journey): Interest {
  const names = new Set<string>();
  for (const node of journey.nodes) {
    const def = definitionOf(node.type);
    if (def.behaviour !== 'trigger') continue;
    // The kind says which events can start it (its `entryEvents`); one that does not takes any.
    if (!def.entryEvents) return EVERY;
    for (const n of def.entryEvents(node as never)) names.add(n);
  }
  return { all: false, names };
}

export function runInterest(journey: Journey): Interest {
  const names = new Set<string>([...journey.settings.exitEvents, ...historyNeeds(journey)]);
  for (const node of journey.nodes) {
    const def = definitionOf(node.type);
    // What the step needs to hear besides what it awaits (e.g. segment entries for memberships).
    for (const n of def.needsEvents?.(node as never) ?? []) names.add(n);
    const reacts = def.behaviour === 'goal' || (def.behaviour === 'wait' && 'awaits' in def && def.awaits !== undefined);
    if (!reacts) continue;
    // The kind says which events can end the wait or reach the goal; one that does not hears all.
    const awaited = 'awaitedEvents' in def ? def.awaitedEvents : undefined;
    if (!awaited) return EVERY;
    for (const n of awaited(node as never)) names.add(n);
  }
  return { all: false, names };
}

/** Run interests by version id. Versions never change, so an entry is never stale. */
const byVersion = new Map<string, Interest>();
const CACHE_MAX = 5000;

/** The run interest of each version (loaded once; a version that does not parse gets every event). */
export async function runInterests(db: Db, versionIds: Iterable<string>): Promise<Map<string, Interest>> {
  const out = new Map<string, Interest>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const hit = byVersion.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const versions = await db.journeyVersion.findMany({ where: { id: { in: missing } }, select: { id: true, definition: true } });
  for (const id of missing) {
    const v = versions.find((x) => x.id === id);
    const parsed = v ? parseJourney(v.definition) : undefined;
    const interest = parsed?.ok ? runInterest(parsed.journey) : EVERY;
    if (byVersion.size >= CACHE_MAX) byVersion.delete(byVersion.keys().next().value as string);
    if (parsed?.ok) byVersion.set(id, interest);
    out.set(id, interest);
  }
  return out;
}
