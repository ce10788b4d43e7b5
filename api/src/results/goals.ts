/**
 * What counts as converting in one published version: its goal nodes (event and filter) and the
 * journey's own goal event (settings.goal), with the attribution window. Versions are immutable,
 * so parsed goals are cached by version id.
 */
import type { Db } from '@cairn/db';
import { definitionOf, evaluateGroup, parseJourney, type CustomerEvent, type Facts } from '@cairn/core';

/** The window when a journey names none (settings.goal.windowDays defaults to the same). */
export const DEFAULT_WINDOW_DAYS = 7;
const DAY = 86_400_000;

export interface VersionGoals {
  versionId: string;
  /** Event names any goal listens to (the candidates worth loading). */
  names: string[];
  /** The journey-level goal event's name, if any (counted while the customer still runs). */
  journeyEvent?: string;
  windowMs: number;
  /** The goal an event reaches, or nothing: a goal node (its id) or the journey's goal event. */
  match(event: CustomerEvent, facts: Omit<Facts, 'event'>, running: boolean): { goalNodeId?: string; goalEvent: string } | undefined;
}

const cache = new Map<string, VersionGoals>();

export function goalsOf(versionId: string, definition: unknown): VersionGoals {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const parsed = parseJourney(definition);
  const journey = parsed.ok ? parsed.journey : undefined;
  // Goal nodes, each with its definition's own matcher (the one the workflow uses).
  const nodes = (journey?.nodes ?? []).flatMap((n) => {
    const def = definitionOf(n.type);
    return def.behaviour === 'goal' ? [{ node: n, matches: (e: CustomerEvent, f: Facts) => def.matchesEvent(n, e, f) }] : [];
  });
  const own = journey?.settings.goal;
  const names = new Set<string>();
  for (const { node } of nodes) if (node.type === 'goal') names.add(node.event);
  if (own?.event) names.add(own.event);
  const goals: VersionGoals = {
    versionId,
    names: [...names],
    ...(own?.event ? { journeyEvent: own.event } : {}),
    windowMs: (own?.windowDays ?? DEFAULT_WINDOW_DAYS) * DAY,
    match(event, facts, running) {
      const full = { ...facts, event };
      // A running customer who reaches a goal node is ended by the workflow, which records it.
      if (!running) {
        for (const g of nodes) if (g.matches(event, full)) return { goalNodeId: g.node.id, goalEvent: event.name };
      }
      if (own?.event && event.name === own.event && evaluateGroup(own.filter, full).matched) return { goalEvent: event.name };
      return undefined;
    },
  };
  cache.set(versionId, goals);
  return goals;
}

/** The goals of every version of a journey, by version id. */
export async function journeyGoals(db: Db, journeyId: string): Promise<Map<string, VersionGoals>> {
  const versions = await db.journeyVersion.findMany({ where: { journeyId }, select: { id: true, definition: true } });
  return new Map(versions.map((v) => [v.id, cache.get(v.id) ?? goalsOf(v.id, v.definition)]));
}
