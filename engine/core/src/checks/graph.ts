/**
 * An index over a journey built once per check run, so every check stays linear in the size of
 * the journey (journeys can hold 10,000 nodes). Duplicate ids keep their first occurrence;
 * edges with a missing end are left out of the adjacency (the edges check reports them).
 */
import type { Edge, Journey } from '../journey/journey.js';
import type { OutputSpec } from '../nodes/define.js';
import type { AnyNodeDefinition, JourneyNode } from '../nodes/registry.js';
import { definitionOf } from '../nodes/registry.js';

export interface JourneyGraph {
  journey: Journey;
  /** The journey's nodes that have an id (all of them, once parsed), in order, duplicates kept. */
  nodeList: JourneyNode[];
  /** The journey's edges with string ends (all of them, once parsed), the handle defaulted to "next". */
  edgeList: Edge[];
  /** Nodes by id (first occurrence of a duplicated id). */
  nodes: Map<string, JourneyNode>;
  /** The definition of each node's kind; absent for a kind the registry does not know. */
  defs: Map<string, AnyNodeDefinition>;
  /** Each node's outputs as its definition declares them. */
  outputs: Map<string, OutputSpec[]>;
  /** Edges whose source and target both exist, by source id. */
  out: Map<string, Edge[]>;
  /** Edges whose source exists, by `${source} ${output}` (see `outputKey`). */
  byOutput: Map<string, Edge[]>;
}

export function outputKey(source: string, output: string): string {
  return `${source}\u0000${output}`;
}

function safeOutputs(def: AnyNodeDefinition, node: JourneyNode): OutputSpec[] {
  try {
    return def.outputs(node);
  } catch {
    // Malformed input that skipped the schema; the schema check reports the real problem.
    return [];
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The nodes and edges that can take part in a graph at all. A parsed journey keeps everything;
 * a half-edited draft (the editor checks those too) loses entries without ids or ends.
 */
function usable(journey: Journey): { nodeList: JourneyNode[]; edgeList: Edge[] } {
  const rawNodes: unknown[] = Array.isArray(journey?.nodes) ? journey.nodes : [];
  const rawEdges: unknown[] = Array.isArray(journey?.edges) ? journey.edges : [];
  const nodeList = rawNodes.filter((n): n is JourneyNode => isRecord(n) && typeof n.id === 'string' && typeof n.type === 'string');
  const edgeList = rawEdges
    .filter((e): e is Edge => isRecord(e) && typeof e.source === 'string' && typeof e.target === 'string')
    .map((e) => (typeof e.sourceHandle === 'string' ? e : { ...e, sourceHandle: 'next' }));
  return { nodeList, edgeList };
}

export function buildGraph(journey: Journey): JourneyGraph {
  const { nodeList, edgeList } = usable(journey);
  const nodes = new Map<string, JourneyNode>();
  const defs = new Map<string, AnyNodeDefinition>();
  const outputs = new Map<string, OutputSpec[]>();
  for (const node of nodeList) {
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    let def: AnyNodeDefinition | undefined;
    try {
      def = definitionOf(node.type);
    } catch {
      def = undefined;
    }
    if (def) {
      defs.set(node.id, def);
      outputs.set(node.id, safeOutputs(def, node));
    } else {
      outputs.set(node.id, []);
    }
  }
  const out = new Map<string, Edge[]>();
  const byOutput = new Map<string, Edge[]>();
  for (const edge of edgeList) {
    if (!nodes.has(edge.source)) continue;
    const key = outputKey(edge.source, edge.sourceHandle);
    const list = byOutput.get(key);
    if (list) list.push(edge);
    else byOutput.set(key, [edge]);
    if (!nodes.has(edge.target)) continue;
    const adj = out.get(edge.source);
    if (adj) adj.push(edge);
    else out.set(edge.source, [edge]);
  }
  return { journey, nodeList, edgeList, nodes, defs, outputs, out, byOutput };
}

/** Is this node an entry point (a trigger, or a goal that listens everywhere)? */
export function isEntryPoint(node: JourneyNode): boolean {
  return node.type.startsWith('trigger.') || node.type === 'goal';
}

export function isTrigger(node: JourneyNode): boolean {
  return node.type.startsWith('trigger.');
}
