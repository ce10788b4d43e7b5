/**
 * Steps no customer can reach: not on any path from a trigger. Goals are exempt, they listen for
 * their event everywhere. Skipped when there is no trigger at all (that problem is reported once).
 */
import type { JourneyGraph } from './graph.js';
import { isEntryPoint, isTrigger } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName } from './problem.js';

export function checkUnreachable(g: JourneyGraph): Problem[] {
  const reached = new Set<string>();
  const stack: string[] = [];
  for (const node of g.nodes.values()) {
    if (isTrigger(node)) {
      reached.add(node.id);
      stack.push(node.id);
    }
  }
  if (stack.length === 0) return [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const edge of g.out.get(id) ?? []) {
      if (reached.has(edge.target)) continue;
      reached.add(edge.target);
      stack.push(edge.target);
    }
  }
  const problems: Problem[] = [];
  for (const node of g.nodes.values()) {
    if (reached.has(node.id) || isEntryPoint(node)) continue;
    problems.push(
      error({
        code: 'unreachable',
        nodeId: node.id,
        message: `${nodeName(node)} cannot be reached from any trigger, so no customer will ever get there. Connect it, or delete it.`,
      }),
    );
  }
  return problems;
}
