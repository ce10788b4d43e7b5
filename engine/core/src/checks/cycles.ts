/**
 * A loop with no real wait in it is a message storm: customers would go round it at machine
 * speed. Only waits that always pause count: a delay longer than zero, or a wait for an event
 * (with no zero timeout). A time-window wait does not: it lets customers straight through while
 * its window is open. Any loop made only of other steps is found exactly as a cycle in the
 * graph with those pausing waits removed.
 */
import { definitionOf, type JourneyNode } from '../nodes/registry.js';
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName } from './problem.js';
import { cycleThrough, cyclicComponents } from './scc.js';

/** Does a customer arriving at this step always stop there for some time? (the wait kind says) */
export function alwaysPauses(node: JourneyNode): boolean {
  const def = definitionOf(node.type);
  return def.behaviour === 'wait' && def.alwaysPauses(node);
}

export function checkCycles(g: JourneyGraph): Problem[] {
  const ids: string[] = [];
  const number = new Map<string, number>();
  for (const node of g.nodes.values()) {
    if (alwaysPauses(node)) continue;
    number.set(node.id, ids.length);
    ids.push(node.id);
  }
  const succ: number[][] = ids.map((id) => {
    const list: number[] = [];
    for (const edge of g.out.get(id) ?? []) {
      const w = number.get(edge.target);
      if (w !== undefined) list.push(w);
    }
    return list;
  });
  const problems: Problem[] = [];
  for (const component of cyclicComponents(ids.length, succ)) {
    const start = component[0]!;
    const cycle = cycleThrough(start, new Set(component), succ).map((i) => g.nodes.get(ids[i]!)!);
    const names = [...cycle, cycle[0]!].map(nodeName);
    const shown = names.length > 12 ? [...names.slice(0, 10), `… (${cycle.length} steps)`, names[names.length - 1]!] : names;
    const leaky = cycle.filter((n) => n.type.startsWith('wait.'));
    const why = leaky.length
      ? ` (${leaky.map(nodeName).join(', ')} ${leaky.length > 1 ? 'do' : 'does'} not always pause: a time window lets customers straight through while it is open, and a zero wait does not wait)`
      : '';
    problems.push(
      error({
        code: 'cycle-without-wait',
        nodeId: cycle[0]!.id,
        message: `These steps form a loop with no wait in it: ${shown.join(' → ')}${why}. Customers would go round it without pause and could be messaged over and over. Add a Wait inside the loop.`,
      }),
    );
  }
  return problems;
}
