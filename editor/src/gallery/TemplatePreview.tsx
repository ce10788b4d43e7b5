/**
 * A template's journey drawn read-only with the canvas's own node view (no edits, no drag). It
 * opens readable: fitted when the whole journey fits at a zoom whose text can be read, else at
 * that zoom, centred across and from the top, the wheel scrolling down the journey; the controls
 * zoom and fit the whole.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { NodeTypes, Viewport } from '@xyflow/react';
import { Controls, getViewportForBounds, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { Journey } from '@cairn/core';
import { JourneyNodeView, type FlowNode } from '../canvas/JourneyNodeView.js';
import { buildEdges, buildNodes } from '../canvas/flow.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/size.js';

const nodeTypes: NodeTypes = { journey: JourneyNodeView };
const none = new Set<string>();
/** Below this zoom a node's title cannot be read. */
export const READABLE_ZOOM = 0.6;
const PAD = 16;

/** The opening viewport of a preview `width` x `height` px (pure, for the test). */
export function previewViewport(journey: Journey, width: number, height: number): Viewport {
  if (journey.nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  const xs = journey.nodes.map((n) => n.position.x);
  const ys = journey.nodes.map((n) => n.position.y);
  const bounds = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH, height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT };
  const fitted = getViewportForBounds(bounds, width, height, 0.05, 1, 0.1);
  if (fitted.zoom >= READABLE_ZOOM) return fitted;
  // A journey too wide even for that is shown across the whole width, down to a third.
  const zoom = Math.max(0.3, Math.min(READABLE_ZOOM, (width - 2 * PAD) / bounds.width));
  return { zoom, x: (width - bounds.width * zoom) / 2 - bounds.x * zoom, y: PAD - bounds.y * zoom };
}

export function TemplatePreview({ journey }: { journey: Journey }) {
  const nodes = useMemo(() => buildNodes([], journey, { selected: none, problems: new Map(), visited: none, readOnly: true }), [journey]);
  const edges = useMemo(() => buildEdges(journey, none, none), [journey]);
  const box = useRef<HTMLDivElement>(null);
  // Measured before React Flow mounts, per journey: the first picture is the readable one.
  const [opening, setOpening] = useState<{ id: string; viewport: Viewport }>();
  useLayoutEffect(() => {
    if (box.current) setOpening({ id: journey.id, viewport: previewViewport(journey, box.current.clientWidth, box.current.clientHeight) });
  }, [journey]);
  const viewport = opening?.id === journey.id ? opening.viewport : undefined;
  return (
    <div className="template-preview" data-testid="template-preview-canvas" ref={box}>
      {viewport && (
        <ReactFlowProvider key={journey.id}>
          <ReactFlow<FlowNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            edgesFocusable={false}
            deleteKeyCode={null}
            defaultViewport={viewport}
            panOnScroll
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
          >
            <Controls showInteractive={false} fitViewOptions={{ maxZoom: 1, padding: 0.1 }} />
          </ReactFlow>
        </ReactFlowProvider>
      )}
    </div>
  );
}
