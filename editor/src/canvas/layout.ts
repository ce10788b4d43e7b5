/**
 * Auto-layout with dagre, top to bottom. Output handles are ordered left to right as the node's
 * outputs are listed, so dagre gets edges in that order to keep branches from crossing.
 */
import dagre from '@dagrejs/dagre';
import type { Journey } from '@cairn/core';
import { definitionOf } from '@cairn/core';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

export function autoLayout(j: Journey): Journey {
  if (j.nodes.length === 0) return j;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const byId = new Map(j.nodes.map((n) => [n.id, n]));
  const order = (e: Journey['edges'][number]): number => {
    const src = byId.get(e.source);
    return src ? definitionOf(src.type).outputs(src).findIndex((o) => o.id === e.sourceHandle) : 0;
  };
  const edges = [...j.edges].sort((a, b) => order(a) - order(b));
  // dagre's first ordering of each rank, and its tie-breaks when crossings are equal, follow the
  // order nodes were added in. Adding them depth-first from the entries, outputs in their listed
  // order, keeps the first branch left even when branches join again or steps were listed in
  // another order (the journey's array order is the order they were created in).
  const out = new Map<string, string[]>();
  const hasInput = new Set<string>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    hasInput.add(e.target);
  }
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    for (const t of out.get(id) ?? []) visit(t);
  };
  for (const n of j.nodes) if (!hasInput.has(n.id)) visit(n.id);
  for (const n of j.nodes) visit(n.id);
  for (const e of edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  }
  dagre.layout(g, { customOrder: keepBranchOrder });
  return {
    ...j,
    nodes: j.nodes.map((n) => {
      const p = g.node(n.id);
      // dagre gives centres; React Flow positions are top-left corners.
      return p ? { ...n, position: { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) } } : n;
    }),
  };
}

type Ordered = { rank?: number; order?: number };

/** Edge crossings between adjacent ranks of dagre's internal graph (long edges are split there). */
function crossings(g: dagre.graphlib.Graph): number {
  const byRank = new Map<number, [number, number][]>();
  for (const e of g.edges()) {
    const a = g.node(e.v) as Ordered;
    const b = g.node(e.w) as Ordered;
    if (a.rank === undefined || a.order === undefined || b.order === undefined) continue;
    byRank.set(a.rank, [...(byRank.get(a.rank) ?? []), [a.order, b.order]]);
  }
  let n = 0;
  for (const list of byRank.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let k = i + 1; k < list.length; k++) {
        const [a1, b1] = list[i]!;
        const [a2, b2] = list[k]!;
        if ((a1 - a2) * (b1 - b2) < 0) n++;
      }
    }
  }
  return n;
}

/**
 * dagre's crossing reduction breaks ties (branches with the same parent) either way, so a split's
 * first branch could land right of its else. Its first ordering is depth-first along outputs in
 * their listed order, which is the marketer's branch order: keep it unless the heuristic's order
 * has fewer crossings.
 */
function keepBranchOrder(g: dagre.graphlib.Graph, order: (g: dagre.graphlib.Graph, opts: dagre.configUnion) => void): void {
  order(g, {});
  const best = crossings(g);
  const heuristic = new Map(g.nodes().map((v) => [v, (g.node(v) as Ordered).order]));
  order(g, { disableOptimalOrderHeuristic: true });
  if (crossings(g) <= best) return;
  for (const [v, o] of heuristic) (g.node(v) as Ordered).order = o;
}
