/**
 * Canvas layout for template journeys: y by depth (the longest path from a trigger), x by branch
 * (the first output continues its parent's column, every other output opens a new column to the
 * right). Nodes nobody links to other than triggers (goals) stand in a column of their own.
 */
import type { Position } from '@cairn/core';
import { definitionOf } from '@cairn/core';
import type { z } from 'zod';
import type { JourneyNode } from '@cairn/core';

export const X_GAP = 260;
export const Y_GAP = 180;

type NodeLike = z.input<typeof JourneyNode>;
interface EdgeLike {
  source: string;
  sourceHandle?: string | undefined;
  target: string;
}

/** Output ids of a node, in the order its kind lists them (so "yes" sits left of "else"). */
function outputOrder(node: NodeLike): string[] {
  const def = definitionOf(node.type);
  const parsed = def.schema.safeParse(node);
  return parsed.success ? def.outputs(parsed.data as never).map((o) => o.id) : [];
}

export function layout(nodes: readonly NodeLike[], edges: readonly EdgeLike[]): Map<string, Position> {
  const children = new Map<string, string[]>();
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const n of nodes) {
    const order = outputOrder(n);
    const out = edges
      .filter((e) => e.source === n.id)
      .sort((a, b) => order.indexOf(a.sourceHandle ?? 'next') - order.indexOf(b.sourceHandle ?? 'next'))
      .map((e) => e.target);
    children.set(n.id, out);
    for (const t of out) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  }

  // Depth = longest path from a root, by Kahn's order (a cycle's nodes keep their first depth).
  const depth = new Map<string, number>();
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const remaining = new Map(indegree);
  for (const id of queue) depth.set(id, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const c of children.get(id) ?? []) {
      depth.set(c, Math.max(depth.get(c) ?? 0, (depth.get(id) ?? 0) + 1));
      const left = (remaining.get(c) ?? 1) - 1;
      remaining.set(c, left);
      if (left === 0) queue.push(c);
    }
  }

  // Breadth first, so sibling branches sit side by side; a column is one chain of first outputs,
  // whose depths strictly increase, so no two nodes share a position.
  const column = new Map<string, number>();
  let maxColumn = -1;
  const open = (id: string, col: number): void => {
    column.set(id, col);
    maxColumn = Math.max(maxColumn, col);
    visit.push(id);
  };
  const visit: string[] = [];
  for (const r of nodes.filter((n) => n.type.startsWith('trigger.'))) open(r.id, maxColumn + 1);
  while (visit.length) {
    const id = visit.shift()!;
    (children.get(id) ?? []).forEach((c, i) => {
      if (!column.has(c)) open(c, i === 0 ? column.get(id)! : maxColumn + 1);
    });
  }

  // Unlinked nodes (goals) and anything unreachable: a side column, stacked.
  const side = maxColumn + 1;
  let row = 0;
  const out = new Map<string, Position>();
  for (const n of nodes) {
    const col = column.get(n.id);
    if (col === undefined) out.set(n.id, { x: side * X_GAP, y: row++ * Y_GAP });
    else out.set(n.id, { x: col * X_GAP, y: (depth.get(n.id) ?? 0) * Y_GAP });
  }
  return out;
}
