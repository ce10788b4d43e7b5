/**
 * Adding a step "after" the selected one (double-click or Enter on a palette item): it goes below
 * the selection, on a free spot, and is connected from the selection's main (first) output; when
 * that output is taken, it goes in the middle of its connection. A step that
 * takes no input (a trigger, a goal) or a selection with no outputs (an exit) only places it.
 */
import type { Journey, JourneyNode } from '@cairn/core';
import { definitionOf } from '@cairn/core';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/size.js';
import { acceptsInput, addNode, connect, insertOnEdge, newNode } from './ops.js';

const GAP_Y = 64;
const GAP_X = 40;

/** A spot at `want` or to its right where no step overlaps. */
export function freeSpot(j: Journey, want: { x: number; y: number }): { x: number; y: number } {
  const taken = (x: number, y: number) =>
    j.nodes.some((n) => Math.abs(n.position.x - x) < NODE_WIDTH + GAP_X / 2 && Math.abs(n.position.y - y) < NODE_HEIGHT + GAP_Y / 2);
  let x = want.x;
  for (let i = 0; i < 50 && taken(x, want.y); i++) x += NODE_WIDTH + GAP_X;
  return { x, y: want.y };
}

/**
 * The journey with a new step of palette item `key` after `anchorId`, and the new step: from
 * `output` when given (the "+" under a free output), else from the main one.
 */
export function addAfter(j: Journey, anchorId: string, key: string, output?: string): { journey: Journey; node: JourneyNode } {
  const anchor = j.nodes.find((n) => n.id === anchorId);
  if (!anchor) throw new Error(`no step "${anchorId}" to add after`);
  const outputs = definitionOf(anchor.type).outputs(anchor);
  const index = Math.max(0, outputs.findIndex((o) => o.id === output));
  // Under its output: the first output's step straight below, the others further right.
  const at = freeSpot(j, { x: anchor.position.x + index * (NODE_WIDTH + GAP_X), y: anchor.position.y + NODE_HEIGHT + GAP_Y });
  const node = newNode(j, key, at);
  if (!acceptsInput(node.type) || outputs.length === 0) return { journey: addNode(j, node), node };
  // The output (by default the main, first one): free, the step is connected from it; taken, the
  // step goes in the middle of its connection. Side outputs (a timeout, a failure) are left to
  // the marketer unless asked for.
  const main = outputs[index]!;
  // A stored draft may leave out the handle of a step's only output ("next", the schema default).
  const taken = j.edges.find((e) => e.source === anchor.id && (e.sourceHandle ?? 'next') === main.id);
  if (!taken) return { journey: connect(addNode(j, node), anchor.id, main.id, node.id), node };
  return { journey: insertOnEdge(j, taken.id, node), node };
}
