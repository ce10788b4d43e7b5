/**
 * A template's journey drawn read-only with the canvas's own node view (no edits, no drag), fitted
 * to the preview when it opens, with zoom and fit controls (a big template fitted is small).
 */
import { useMemo } from 'react';
import type { NodeTypes } from '@xyflow/react';
import { Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { Journey } from '@cairn/engine';
import { JourneyNodeView, type FlowNode } from '../canvas/JourneyNodeView.js';
import { buildEdges, buildNodes } from '../canvas/flow.js';

const nodeTypes: NodeTypes = { journey: JourneyNodeView };
const none = new Set<string>();

export function TemplatePreview({ journey }: { journey: Journey }) {
  const nodes = useMemo(() => buildNodes([], journey, { selected: none, problems: new Map(), visited: none, readOnly: true }), [journey]);
  const edges = useMemo(() => buildEdges(journey, none, none), [journey]);
  return (
    <div className="template-preview" data-testid="template-preview-canvas">
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
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.1 }}
          minZoom={0.05}
          proOptions={{ hideAttribution: true }}
        >
          <Controls showInteractive={false} fitViewOptions={{ maxZoom: 1, padding: 0.1 }} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
