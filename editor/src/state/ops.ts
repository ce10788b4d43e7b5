/**
 * Pure edits of a journey graph, used by the canvas. Each returns a new journey (or the same one
 * when nothing changes) so the history can snapshot it.
 */
import type { Edge, Journey, JourneyNode } from '@cairn/core';
import { actionOf, createCustomNode, createCustomTriggerNode, definitionOf, triggerOf } from '@cairn/core';
import { freshId, prefixFor } from './ids.js';

const nodeIds = (j: Journey): Set<string> => new Set(j.nodes.map((n) => n.id));
const edgeIds = (j: Journey): Set<string> => new Set(j.edges.map((e) => e.id));

/**
 * A new node at `position`, created by its definition. `type` is a node type,
 * "action.custom:<action type>" for a custom action or "trigger.custom:<trigger type>" for a
 * custom trigger (created with the extension's defaults).
 * Throws for an unknown kind or action.
 */
export function newNode(j: Journey, type: string, position: { x: number; y: number }): JourneyNode {
  let node: JourneyNode;
  if (type.startsWith('action.custom:')) {
    const action = type.slice('action.custom:'.length);
    const def = actionOf(action);
    if (!def) throw new Error(`unknown custom action "${action}"`);
    node = createCustomNode(freshId(action.replace(/[^A-Za-z0-9]+/g, '_'), nodeIds(j)), def) as JourneyNode;
  } else if (type.startsWith('trigger.custom:')) {
    const trigger = type.slice('trigger.custom:'.length);
    const def = triggerOf(trigger);
    if (!def) throw new Error(`unknown custom trigger "${trigger}"`);
    node = createCustomTriggerNode(freshId(trigger.replace(/[^A-Za-z0-9]+/g, '_'), nodeIds(j)), def) as JourneyNode;
  } else {
    node = definitionOf(type).create(freshId(prefixFor(type), nodeIds(j))) as JourneyNode;
  }
  return { ...node, position: { x: Math.round(position.x), y: Math.round(position.y) } };
}

export function addNode(j: Journey, node: JourneyNode): Journey {
  return { ...j, nodes: [...j.nodes, node] };
}

/** Does this kind of node take an incoming edge? Triggers start paths; goals fire from anywhere. */
export function acceptsInput(type: string): boolean {
  const c = definitionOf(type).category;
  return c !== 'trigger' && c !== 'goal';
}

/**
 * Connects `source`'s output `handle` to `target`. One output leads to one place, so an existing
 * edge from that output is replaced. Self-loops and edges into triggers are refused.
 */
export function connect(j: Journey, source: string, handle: string, target: string): Journey {
  const t = j.nodes.find((n) => n.id === target);
  if (!t || source === target || !acceptsInput(t.type)) return j;
  const kept = j.edges.filter((e) => !(e.source === source && e.sourceHandle === handle));
  if (kept.length < j.edges.length && j.edges.some((e) => e.source === source && e.sourceHandle === handle && e.target === target)) {
    return j;
  }
  const id = freshId(`${source}-${handle}`, edgeIds(j));
  return { ...j, edges: [...kept, { id, source, sourceHandle: handle, target }] };
}

/**
 * Moves edge `edgeId` to start at `source`'s `handle` and end at `target` (an end dragged to
 * another handle). Refused, and the journey unchanged, when the new connection would be.
 */
export function reconnect(j: Journey, edgeId: string, source: string, handle: string, target: string): Journey {
  const old = j.edges.find((e) => e.id === edgeId);
  if (!old) return j;
  if (old.source === source && old.sourceHandle === handle && old.target === target) return j;
  const without = { ...j, edges: j.edges.filter((e) => e.id !== edgeId) };
  const next = connect(without, source, handle, target);
  return next === without ? j : next;
}

/**
 * Puts `node` in the middle of edge `edgeId`: source → node (its first output) → old target.
 * A node with no outputs (exit, goal) or no input (trigger) just joins the canvas.
 */
export function insertOnEdge(j: Journey, edgeId: string, node: JourneyNode): Journey {
  const edge = j.edges.find((e) => e.id === edgeId);
  const first = definitionOf(node.type).outputs(node)[0];
  const withNode = addNode(j, node);
  if (!edge || !acceptsInput(node.type)) return withNode;
  const rest = withNode.edges.filter((e) => e.id !== edgeId);
  const taken = edgeIds(withNode);
  const into: Edge = { id: freshId(`${edge.source}-${edge.sourceHandle}`, taken), source: edge.source, sourceHandle: edge.sourceHandle, target: node.id };
  taken.add(into.id);
  const edges = [...rest, into];
  if (first) edges.push({ id: freshId(`${node.id}-${first.id}`, taken), source: node.id, sourceHandle: first.id, target: edge.target });
  return { ...withNode, edges };
}

/** Removes nodes (and every edge touching them) and edges. */
export function remove(j: Journey, nodes: ReadonlySet<string>, edges: ReadonlySet<string> = new Set()): Journey {
  if (nodes.size === 0 && edges.size === 0) return j;
  return {
    ...j,
    nodes: j.nodes.filter((n) => !nodes.has(n.id)),
    edges: j.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Replaces one node (matched by id). */
export function updateNode(j: Journey, node: JourneyNode): Journey {
  return { ...j, nodes: j.nodes.map((n) => (n.id === node.id ? node : n)) };
}

/** Moves nodes; positions are rounded so exported JSON stays tidy. */
export function moveNodes(j: Journey, moves: ReadonlyMap<string, { x: number; y: number }>): Journey {
  if (moves.size === 0) return j;
  return {
    ...j,
    nodes: j.nodes.map((n) => {
      const p = moves.get(n.id);
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    }),
  };
}

/**
 * Edges whose output no longer exists (a branch or variant was removed in the inspector) are
 * dropped, so the journey never points from a handle the canvas cannot show.
 */
export function pruneDanglingEdges(j: Journey): Journey {
  const outputs = new Map(j.nodes.map((n) => [n.id, new Set(definitionOf(n.type).outputs(n).map((o) => o.id))]));
  const edges = j.edges.filter((e) => outputs.get(e.source)?.has(e.sourceHandle) && outputs.has(e.target));
  return edges.length === j.edges.length ? j : { ...j, edges };
}
