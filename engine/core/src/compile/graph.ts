/** Read-only indexes over a journey's graph, built once per compile. */
import type { Edge, Journey } from '../journey/journey.js';
import type { JourneyNode } from '../nodes/registry.js';

export interface JourneyIndex {
  nodes: Map<string, JourneyNode>;
  /** `${source}:${output}` to the edge leaving that output. */
  outgoing: Map<string, Edge>;
}

export function indexJourney(journey: Journey): JourneyIndex {
  const nodes = new Map<string, JourneyNode>();
  for (const n of journey.nodes) nodes.set(n.id, n);
  const outgoing = new Map<string, Edge>();
  for (const e of journey.edges) {
    // With duplicates (a graph-check error) the first edge wins, deterministically.
    const key = `${e.source}:${e.sourceHandle}`;
    if (!outgoing.has(key)) outgoing.set(key, e);
  }
  return { nodes, outgoing };
}

/** The node an output leads to, if connected to an existing node. */
export function targetOf(index: JourneyIndex, nodeId: string, output: string): string | undefined {
  const edge = index.outgoing.get(`${nodeId}:${output}`);
  return edge && index.nodes.has(edge.target) ? edge.target : undefined;
}
