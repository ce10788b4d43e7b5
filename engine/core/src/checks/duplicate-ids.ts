/** Node ids and edge ids must be unique: they name machine states and canvas elements. */
import type { JourneyGraph } from './graph.js';
import type { Problem } from './problem.js';
import { error, nodeName } from './problem.js';

export function checkDuplicateIds(g: JourneyGraph): Problem[] {
  const problems: Problem[] = [];
  const seenNodes = new Set<string>();
  for (const node of g.nodeList) {
    if (seenNodes.has(node.id)) {
      const first = g.nodes.get(node.id);
      problems.push(
        error({
          code: 'duplicate-node-id',
          nodeId: node.id,
          message: `${nodeName(node)} has the same id "${node.id}" as ${first ? nodeName(first) : 'another step'}; every step needs its own id.`,
        }),
      );
    }
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of g.edgeList) {
    if (seenEdges.has(edge.id)) {
      problems.push(
        error({
          code: 'duplicate-edge-id',
          edgeId: edge.id,
          message: `Two connections share the id "${edge.id}"; every connection needs its own id.`,
        }),
      );
    }
    seenEdges.add(edge.id);
  }
  return problems;
}
