/**
 * Which event names can make a difference, read once per immutable journey version:
 * - to its triggers (`entryInterest`): only an event one of its triggers may match is worth
 *   loading the customer, its history and claiming entries for;
 * - to a run of it (`runInterest`): events a wait of the journey awaits, its goals, its exit
 *   events and the events its rules look back at (they join the run's history). Any other event
 *   only wakes the run for nothing (a workflow task each), so it is not signalled.
 * A node kind not listed here counts as interested in every event: a new kind is never starved,
 * only routed as before.
 */
import type { Db } from '@cairn/db';
import { ATTRIBUTE_CHANGED, MANUAL_ENROL, SCHEDULE_FIRED, SEGMENT_ENTERED, SEGMENT_EXITED, customTriggerEvent, definitionOf, historyNeeds, parseJourney, type Journey } from '@cairn/engine';

/** Event names, or every event. */
export type Interest = { all: true } | { all: false; names: ReadonlySet<string> };

const EVERY: Interest = { all: true };

export function wants(interest: Interest, name: string): boolean {
  return interest.all || interest.names.has(name);
}

/** Event names each trigger kind can match; a kind missing here (e.g. segment triggers, which fire on any call) matches any. */
const TRIGGER_EVENTS: Partial<Record<string, (node: Record<string, unknown>) => string[]>> = {
  'trigger.event': (n) => [String(n.event)],
  'trigger.attribute': () => [ATTRIBUTE_CHANGED],
  'trigger.manual': () => [MANUAL_ENROL],
  'trigger.schedule': () => [SCHEDULE_FIRED],
  'trigger.custom': (n) => [customTriggerEvent(String(n.trigger))],
  'trigger.segment-entered': () => [SEGMENT_ENTERED],
};

/** Event names that end a wait or reach a goal, per kind; other waiting or goal kinds get every event. */
const AWAITED_EVENTS: Partial<Record<string, (node: Record<string, unknown>) => string[]>> = {
  'wait.event': (n) => [String(n.event)],
  goal: (n) => [String(n.event)],
};

export function entryInterest(journey: Journey): Interest {
  const names = new Set<string>();
  for (const node of journey.nodes) {
    if (definitionOf(node.type).behaviour !== 'trigger') continue;
    const of = TRIGGER_EVENTS[node.type];
    if (!of) return EVERY;
    for (const n of of(node as unknown as Record<string, unknown>)) names.add(n);
  }
  return { all: false, names };
}

export function runInterest(journey: Journey): Interest {
  const names = new Set<string>([...journey.settings.exitEvents, ...historyNeeds(journey)]);
  for (const node of journey.nodes) {
    const def = definitionOf(node.type);
    // The run's memberships follow these events (profile.segments, read by "is in segment").
    if (node.type === 'condition.in-segment') {
      names.add(SEGMENT_ENTERED);
      names.add(SEGMENT_EXITED);
    }
    const reacts = def.behaviour === 'goal' || (def.behaviour === 'wait' && 'awaits' in def && def.awaits !== undefined);
    if (!reacts) continue;
    const of = AWAITED_EVENTS[node.type];
    if (!of) return EVERY;
    for (const n of of(node as unknown as Record<string, unknown>)) names.add(n);
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
