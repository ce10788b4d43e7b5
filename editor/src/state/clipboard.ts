/**
 * Copy and paste of a selection: the nodes and the edges between them. Pasted nodes get fresh
 * ids and are offset so they do not hide the originals; edges are remapped to the new ids.
 */
import type { Edge, Journey, JourneyNode } from '@cairn/core';
import { freshId, prefixFor } from './ids.js';

export interface Clip {
  nodes: JourneyNode[];
  edges: Edge[];
}

export function copySelection(j: Journey, selected: ReadonlySet<string>): Clip {
  const nodes = j.nodes.filter((n) => selected.has(n.id));
  const edges = j.edges.filter((e) => selected.has(e.source) && selected.has(e.target));
  return { nodes, edges };
}

/** Adds the clip to the journey; returns the new journey and the ids of the pasted nodes. */
export function pasteClip(j: Journey, clip: Clip, offset = { x: 40, y: 40 }): { journey: Journey; pasted: string[] } {
  const taken = new Set(j.nodes.map((n) => n.id));
  const takenEdges = new Set(j.edges.map((e) => e.id));
  const map = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = freshId(prefixFor(n.type), taken);
    taken.add(id);
    map.set(n.id, id);
    return { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } } as JourneyNode;
  });
  const edges: Edge[] = [];
  for (const e of clip.edges) {
    const source = map.get(e.source);
    const target = map.get(e.target);
    if (!source || !target) continue;
    const id = freshId(`${source}-${e.sourceHandle}`, takenEdges);
    takenEdges.add(id);
    edges.push({ id, source, sourceHandle: e.sourceHandle, target });
  }
  return { journey: { ...j, nodes: [...j.nodes, ...nodes], edges: [...j.edges, ...edges] }, pasted: nodes.map((n) => n.id) };
}

/** Clips travel as JSON text (system clipboard or localStorage), checked loosely on the way in. */
export function clipFromText(text: string): Clip | undefined {
  try {
    const v = JSON.parse(text) as Partial<Clip> & { cairnClip?: number };
    if (v.cairnClip !== 1 || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) return undefined;
    return { nodes: v.nodes, edges: v.edges };
  } catch {
    return undefined;
  }
}

export function clipToText(clip: Clip): string {
  return JSON.stringify({ cairnClip: 1, ...clip });
}
