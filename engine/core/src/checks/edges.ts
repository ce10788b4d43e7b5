/**
 * Each connection must leave a real output of a real step and enter a real step that can be
 * entered; and one output leads to exactly one place (the customer cannot be in two steps).
 */
import type { JourneyGraph } from './graph.js';
import { isTrigger } from './graph.js';
import type { Problem } from './problem.js';
import { error, nameList, nodeName, quote } from './problem.js';

export function checkEdges(g: JourneyGraph): Problem[] {
  const problems: Problem[] = [];
  for (const edge of g.edgeList) {
    const source = g.nodes.get(edge.source);
    const target = g.nodes.get(edge.target);
    if (!source) {
      problems.push(
        error({
          code: 'edge-unknown-source',
          edgeId: edge.id,
          message: `A connection starts at a step that does not exist ("${edge.source}"). Delete the connection.`,
        }),
      );
    }
    if (!target) {
      problems.push(
        error({
          code: 'edge-unknown-target',
          edgeId: edge.id,
          nodeId: source?.id,
          message: `A connection${source ? ` from ${nodeName(source)}` : ''} leads to a step that does not exist ("${edge.target}"). Delete it or connect it to a step.`,
        }),
      );
    }
    if (source && g.defs.has(source.id)) {
      const outputs = g.outputs.get(source.id) ?? [];
      if (!outputs.some((o) => o.id === edge.sourceHandle)) {
        const names = outputs.map((o) => quote(o.label));
        problems.push(
          error({
            code: 'edge-unknown-output',
            edgeId: edge.id,
            nodeId: source.id,
            message:
              outputs.length === 0
                ? `${nodeName(source)} ends the path and has no outputs, but a connection leaves it from ${quote(edge.sourceHandle)}. Delete that connection.`
                : `A connection leaves ${nodeName(source)} from ${quote(edge.sourceHandle)}, which is not one of its outputs (${nameList(names)}). Reconnect it.`,
          }),
        );
      }
    }
    if (target && isTrigger(target)) {
      problems.push(
        error({
          code: 'edge-into-trigger',
          edgeId: edge.id,
          nodeId: target.id,
          message: `A connection leads into the trigger ${nodeName(target)}. Triggers start the journey and cannot be entered from another step; to send customers back to the start, connect to the step after the trigger.`,
        }),
      );
    }
    if (target && target.type === 'goal') {
      problems.push(
        error({
          code: 'edge-into-goal',
          edgeId: edge.id,
          nodeId: target.id,
          message: `A connection leads into the goal ${nodeName(target)}. A goal listens for its event at every step of the journey and needs no incoming connection; end this path with an Exit instead.`,
        }),
      );
    }
  }
  for (const edges of g.byOutput.values()) {
    if (edges.length < 2) continue;
    const first = edges[0]!;
    const source = g.nodes.get(first.source)!;
    const spec = g.outputs.get(source.id)?.find((o) => o.id === first.sourceHandle);
    const targets = edges.map((e) => {
      const t = g.nodes.get(e.target);
      return t ? nodeName(t) : `"${e.target}"`;
    });
    for (const extra of edges.slice(1)) {
      problems.push(
        error({
          code: 'multiple-edges-from-output',
          edgeId: extra.id,
          nodeId: source.id,
          message: `${nodeName(source)} has ${edges.length} connections from its ${quote(spec?.label ?? first.sourceHandle)} output (to ${nameList(targets)}); a customer can only go one way. Keep one, or add a split.`,
        }),
      );
    }
  }
  return problems;
}
