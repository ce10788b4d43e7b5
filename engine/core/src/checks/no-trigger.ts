/** A journey needs at least one trigger, or nobody ever enters it. */
import type { JourneyGraph } from './graph.js';
import { isTrigger } from './graph.js';
import type { Problem } from './problem.js';
import { error } from './problem.js';

export function checkNoTrigger(g: JourneyGraph): Problem[] {
  for (const node of g.nodes.values()) if (isTrigger(node)) return [];
  return [
    error({
      code: 'no-trigger',
      message: 'The journey has no trigger, so no customer can ever enter it. Add a trigger such as “Event received”.',
    }),
  ];
}
