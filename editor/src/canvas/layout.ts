/**
 * Auto-layout with dagre, top to bottom. Output handles are ordered left to right as the node's
 * outputs are listed, so dagre gets edges in that order to keep branches from crossing.
 */
import dagre from '@dagrejs/dagre';
import type { Journey } from '@cairn/engine';
import { definitionOf } from '@cairn/engine';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

export function autoLayout(j: Journey): Journey {
  if (j.nodes.length === 0) return j;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of j.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const order = (e: Journey['edges'][number]): number => {
    const src = j.nodes.find((n) => n.id === e.source);
    return src ? definitionOf(src.type).outputs(src).findIndex((o) => o.id === e.sourceHandle) : 0;
  };
  for (const e of [...j.edges].sort((a, b) => order(a) - order(b))) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  }
  dagre.layout(g);
  return {
    ...j,
    nodes: j.nodes.map((n) => {
      const p = g.node(n.id);
      // dagre gives centres; React Flow positions are top-left corners.
      return p ? { ...n, position: { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) } } : n;
    }),
  };
}
