/**
 * A small builder for template journeys: add nodes, link outputs, get a `JourneyInput` whose nodes
 * are laid out for the canvas. Templates read as the path a customer takes instead of as JSON.
 */
import type { z } from 'zod';
import type { JourneyInput, JourneyNode } from '@cairn/core';
import { layout } from './layout.js';

export type NodeInput = z.input<typeof JourneyNode>;
export type EdgeInput = NonNullable<JourneyInput['edges']>[number];

export class Flow {
  readonly nodes: NodeInput[] = [];
  readonly edges: EdgeInput[] = [];

  /** Adds nodes (positions are computed by `journey()`). */
  add(...nodes: NodeInput[]): this {
    for (const n of nodes) {
      if (this.nodes.some((m) => m.id === n.id)) throw new Error(`duplicate node id ${n.id}`);
      this.nodes.push(n);
    }
    return this;
  }

  /** Links `source`'s output to `target`. */
  link(source: string, output: string, target: string): this {
    const id = `${source}-${output}-${target}`.slice(0, 64);
    if (this.edges.some((e) => e.source === source && (e.sourceHandle ?? 'next') === output)) {
      throw new Error(`output ${source}.${output} is already linked`);
    }
    this.edges.push({ id, source, sourceHandle: output, target });
    return this;
  }

  /** Links each node's `next` output to the following node. */
  chain(...ids: string[]): this {
    for (let i = 0; i + 1 < ids.length; i++) this.link(ids[i]!, 'next', ids[i + 1]!);
    return this;
  }

  /** The finished journey, nodes positioned top to bottom. */
  journey(meta: Omit<JourneyInput, 'nodes' | 'edges'>): JourneyInput {
    const positions = layout(this.nodes, this.edges);
    return {
      ...meta,
      nodes: this.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? { x: 0, y: 0 } })),
      edges: this.edges,
    };
  }
}
