/**
 * Where a node's handles sit, computed instead of measured. Nodes have a fixed size
 * (size.ts), so React Flow is handed each node's `measured` size and `handles` up front: it draws
 * the edges in the same commit as the nodes, and its ResizeObserver pass finds nothing to update.
 * Measuring 300 nodes (a getBoundingClientRect per handle, then every node and edge drawn again)
 * was the largest part of opening a big journey (test/bench/canvas).
 *
 * The numbers mirror styles.css (`.cn` border widths, `.react-flow__handle` size, the handles'
 * negative margins); the canvas benchmark checks that edges meet the drawn handles.
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { JourneyNode, OutputSpec } from '@cairn/engine';
import { definitionOf } from '@cairn/engine';
import { acceptsInput } from '../state/ops.js';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

/** `.cn` border: 5px on the left (the category colour), 1px elsewhere. */
const BORDER_LEFT = 5;
const BORDER = 1;
/** `.react-flow__handle` in styles.css: 10×10, pulled out by a 6px negative margin. */
export const HANDLE_SIZE = 10;
const HANDLE_MARGIN = 6;

/** Outputs of a node that may be half-edited in the inspector (never throws). */
export function safeOutputs(node: JourneyNode): OutputSpec[] {
  try {
    return definitionOf(node.type).outputs(node);
  } catch {
    return [];
  }
}

/** Output i of n sits this far along the node's bottom edge (CSS `left`, of the padding box). */
export function outputLeft(i: number, n: number): string {
  return `${((i + 1) * 100) / (n + 1)}%`;
}

const INNER_WIDTH = NODE_WIDTH - BORDER_LEFT - BORDER;

/** The handles as React Flow would measure them, in flow units relative to the node's corner. */
export function handlesOf(node: JourneyNode, outputs: readonly OutputSpec[]): NodeHandle[] {
  const handles: NodeHandle[] = [];
  if (acceptsInput(node.type)) {
    handles.push({
      id: 'in',
      type: 'target',
      position: Position.Top,
      x: BORDER_LEFT + INNER_WIDTH / 2 - HANDLE_MARGIN,
      y: BORDER - HANDLE_MARGIN,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  }
  outputs.forEach((o, i) => {
    handles.push({
      id: o.id,
      type: 'source',
      position: Position.Bottom,
      x: BORDER_LEFT + (INNER_WIDTH * (i + 1)) / (outputs.length + 1) - HANDLE_MARGIN,
      y: NODE_HEIGHT - BORDER + HANDLE_MARGIN - HANDLE_SIZE,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  });
  return handles;
}
