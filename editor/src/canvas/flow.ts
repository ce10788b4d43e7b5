/**
 * Journey → React Flow elements. Unchanged nodes keep their object identity between builds so
 * React Flow re-renders only what changed (a 300-node journey stays smooth).
 */
import type { Edge as FlowEdge } from '@xyflow/react';
import type { Journey, OutputSpec } from '@cairn/core';
import { definitionOf } from '@cairn/core';
import type { NodeCounts } from '../api/client.js';
import { handlesOf, safeOutputs } from './handles.js';
import type { FlowNode, NodeData } from './JourneyNodeView.js';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

/** Every node's size, as React Flow would measure it (nodes are drawn at a fixed size). */
const MEASURED = { width: NODE_WIDTH, height: NODE_HEIGHT };

export interface NodeMarks {
  errors: number;
  warnings: number;
  first?: string;
}

export interface Decorations {
  selected: ReadonlySet<string>;
  problems: ReadonlyMap<string, NodeMarks>;
  visited: ReadonlySet<string>;
  counts?: Readonly<Record<string, NodeCounts>>;
  readOnly: boolean;
}

function sameData(a: NodeData, b: NodeData): boolean {
  return (
    a.node === b.node &&
    a.errors === b.errors &&
    a.warnings === b.warnings &&
    a.firstProblem === b.firstProblem &&
    a.visited === b.visited &&
    a.counts === b.counts &&
    a.retiredInUse === b.retiredInUse
  );
}

/** Per node, the retired outputs (define.ts) its edges still use, as "a,b"; most journeys have none. */
function retiredInUse(j: Journey): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of j.nodes) {
    let outputs: OutputSpec[];
    try {
      outputs = definitionOf(node.type).outputs(node);
    } catch {
      continue;
    }
    const retired = outputs.filter((o) => o.retired && j.edges.some((e) => e.source === node.id && e.sourceHandle === o.id));
    if (retired.length) out.set(node.id, retired.map((o) => o.id).join(','));
  }
  return out;
}

/** The React Flow nodes for a journey; `prev` itself when nothing changed (no re-render at all). */
export function buildNodes(prev: FlowNode[], j: Journey, d: Decorations): FlowNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  const inUse = retiredInUse(j);
  const next = j.nodes.map((node): FlowNode => {
    const p = d.problems.get(node.id);
    const data: NodeData = {
      node,
      errors: p?.errors ?? 0,
      warnings: p?.warnings ?? 0,
      ...(p?.first ? { firstProblem: p.first } : {}),
      visited: d.visited.has(node.id),
      ...(d.counts?.[node.id] ? { counts: d.counts[node.id] } : {}),
      ...(inUse.has(node.id) ? { retiredInUse: inUse.get(node.id) } : {}),
    };
    const selected = d.selected.has(node.id);
    const old = byId.get(node.id);
    if (
      old &&
      sameData(old.data, data) &&
      !!old.selected === selected &&
      old.position.x === node.position.x &&
      old.position.y === node.position.y &&
      old.draggable === !d.readOnly
    ) {
      return old;
    }
    return {
      id: node.id,
      type: 'journey',
      position: node.position,
      data,
      selected,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      // The size is known, so no dimension change comes back through onNodesChange (handles.ts).
      measured: MEASURED,
      // A node rebuilt after its first drawing carries its handles, computed (handles.ts).
      ...(old ? { handles: old.data.node === node && old.handles ? old.handles : handlesOf(node, safeOutputs(node, j.edges)) } : {}),
      draggable: !d.readOnly,
      deletable: !d.readOnly,
    };
  });
  return next.length === prev.length && next.every((n, i) => n === prev[i]) ? prev : next;
}

/**
 * `type`: "insert" on the editor's canvas (a "+" on each edge, InsertEdge.tsx), plain elsewhere.
 * An insert edge knows whether its target has other edges coming in (`shared`): its "+" then sits
 * halfway, as the spot just above the target would be the same for all of them.
 */
export function buildEdges(j: Journey, visited: ReadonlySet<string>, selected: ReadonlySet<string>, type: 'smoothstep' | 'insert' = 'smoothstep'): FlowEdge[] {
  const into = new Map<string, number>();
  if (type === 'insert') for (const e of j.edges) into.set(e.target, (into.get(e.target) ?? 0) + 1);
  return j.edges.map((e) => ({
    ...(type === 'insert' ? { data: { shared: (into.get(e.target) ?? 0) > 1 } } : {}),
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: 'in',
    type,
    selected: selected.has(e.id),
    animated: visited.has(e.id),
    ...(visited.has(e.id) ? { className: 'visited' } : {}),
  }));
}
