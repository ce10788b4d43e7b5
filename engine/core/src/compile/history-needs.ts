/** Which past events a journey's rules look at, so a runtime loads only those into a run. */
import type { Journey } from '../journey/journey.js';
import { definitionOf } from '../nodes/registry.js';
import { eventsReferenced } from '../rules/evaluate.js';

/**
 * The names of the past events a journey's rules look at, sorted, so a runtime loads only those into a run.
 */
export function historyNeeds(journey: Journey): string[] {
  const names = new Set<string>();
  for (const n of journey.nodes) {
    for (const g of definitionOf(n.type).rules?.(n) ?? []) eventsReferenced(g, names);
  }
  return [...names].sort();
}
