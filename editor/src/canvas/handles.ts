/**
 * A node's size and handles, known instead of measured. Nodes have a fixed size (size.ts):
 *
 * - React Flow is handed each node's `measured` size, so measuring a newly drawn node reports no
 *   change and no dimension change comes back through onNodesChange (that round trip re-rendered
 *   every node of a 300-step journey once more while it opened; test/bench/canvas).
 * - A newly drawn node still has its handles measured by React Flow (its ResizeObserver re-measures
 *   every node once, whatever it is told, so handing them over would only draw the edges twice).
 *   A node rebuilt after that (selected, edited, a branch added in the inspector) carries its
 *   handles computed here: a new output's handle exists at once, with no measuring pass, since
 *   a fixed-size node never triggers one.
 *
 * The numbers mirror styles.css (`.cn` border widths, `.react-flow__handle` size, the handles'
 * negative margins); the canvas benchmark checks that edges meet the drawn handles.
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { JourneyNode, OutputSpec } from '@cairn/core';
import { definitionOf } from '@cairn/core';
import { acceptsInput } from '../state/ops.js';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

/** `.cn` border: 5px on the left (the category colour), 1px elsewhere. */
const BORDER_LEFT = 5;
const BORDER = 1;
/** `.react-flow__handle` in styles.css: 10×10, pulled out by a 6px negative margin. */
export const HANDLE_SIZE = 10;
const HANDLE_MARGIN = 6;

/**
 * Outputs of a node that may be half-edited in the inspector (never throws). A retired output
 * (define.ts) is shown only while an edge uses it: `edges` are the journey's, or leave it out.
 */
export function safeOutputs(node: JourneyNode, edges?: ReadonlyArray<{ source: string; sourceHandle?: string | undefined }>): OutputSpec[] {
  let outputs: OutputSpec[];
  try {
    outputs = definitionOf(node.type).outputs(node);
  } catch {
    return [];
  }
  if (!outputs.some((o) => o.retired)) return outputs;
  return outputs.filter((o) => !o.retired || edges?.some((e) => e.source === node.id && e.sourceHandle === o.id));
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
