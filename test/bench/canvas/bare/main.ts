/**
 * The baseline: a bare React Flow canvas with plain default nodes, the same count, positions and
 * edges as the journey the editor opens (handed over in localStorage by run.ts).
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

interface Graph {
  nodes: Array<{ id: string; position: { x: number; y: number }; label: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
}

const graph = JSON.parse(localStorage.getItem('bench.graph') ?? '{"nodes":[],"edges":[]}') as Graph;
const nodes: Node[] = graph.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.label } }));
const edges: Edge[] = graph.edges.map((e) => ({ ...e }));

createRoot(document.getElementById('root') as HTMLElement).render(
  createElement(ReactFlow, { defaultNodes: nodes, defaultEdges: edges, fitView: true, minZoom: 0.05 }),
);
