/**
 * The journey canvas. React Flow owns transient state (drag positions, measured sizes); the
 * journey owns everything that is saved: a drag, connect, delete or drop becomes one undoable
 * change when it ends.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Connection, EdgeChange, EdgeTypes, NodeChange, NodeTypes } from '@xyflow/react';
import { applyNodeChanges, Controls, getViewportForBounds, Panel, ReactFlow, useReactFlow, useStore, type Viewport } from '@xyflow/react';
import type { Journey } from '@cairn/core';
import type { JourneyHistory } from '../state/useJourneyHistory.js';
import { acceptsInput, addNode, connect, insertOnEdge, moveNodes, newNode, reconnect, remove } from '../state/ops.js';
import type { FlowNode } from './JourneyNodeView.js';
import { JourneyNodeView } from './JourneyNodeView.js';
import type { Decorations } from './flow.js';
import { FAR_ZOOM, FarContext } from './detail.js';
import { buildEdges, buildNodes } from './flow.js';
import { FreeOutputs } from './FreeOutputs.js';
import { InsertContext, InsertEdge } from './InsertEdge.js';
import { addAfter } from '../state/add-after.js';
import { Overview } from './Overview.js';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

/** The MIME type a palette item carries while dragged. */
export const NODE_DRAG_TYPE = 'application/x-cairn-node';

const nodeTypes: NodeTypes = { journey: JourneyNodeView };
const edgeTypes: EdgeTypes = { insert: InsertEdge };

const MIN_ZOOM = 0.1;

export interface CanvasProps extends Omit<Decorations, 'selected'> {
  history: JourneyHistory;
  selected: ReadonlySet<string>;
  onSelect(ids: Set<string>): void;
  visitedEdges: ReadonlySet<string>;
  /** Show the minimap (the editor adds it after the first paint). */
  minimap: boolean;
}

/** The edge drawn under a screen point, if any (its wide invisible hit path counts). */
function edgeAt(x: number, y: number): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    const id = edge?.getAttribute('data-id');
    if (id) return id;
  }
  return undefined;
}

/**
 * Memoised: the editor re-renders for things the canvas does not show (tabs, messages, the
 * catalog arriving), and re-rendering React Flow with 300 nodes is the costly part of a frame.
 */
export const Canvas = memo(function Canvas(props: CanvasProps) {
  const { history, selected, onSelect, problems, visited, counts, readOnly, visitedEdges, minimap } = props;
  const journey = history.journey;
  const { screenToFlowPosition } = useReactFlow();
  const deco = useMemo(() => ({ selected, problems, visited, counts, readOnly }), [selected, problems, visited, counts, readOnly]);
  const [nodes, setNodes] = useState<FlowNode[]>(() => buildNodes([], journey, deco));
  // A loaded journey opens fitted; an empty canvas keeps the default viewport so drops land where
  // aimed. Node sizes are fixed, so the fitted viewport is computed from the positions and the
  // canvas' size before React Flow mounts: the first picture is drawn at its final zoom (far-out
  // nodes drop their details at once) instead of at zoom 1 and then fitted after measuring.
  const wrapper = useRef<HTMLDivElement>(null);
  const [initialViewport, setInitialViewport] = useState<Viewport | undefined>(() => (journey.nodes.length > 0 ? undefined : { x: 0, y: 0, zoom: 1 }));
  useLayoutEffect(() => {
    if (initialViewport || !wrapper.current) return;
    const xs = journey.nodes.map((n) => n.position.x);
    const ys = journey.nodes.map((n) => n.position.y);
    const bounds = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH, height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT };
    setInitialViewport(getViewportForBounds(bounds, wrapper.current.clientWidth, wrapper.current.clientHeight, MIN_ZOOM, 1, 0.2));
  }, [initialViewport, journey]);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setNodes((prev) => buildNodes(prev, journey, deco)), [journey, deco]);
  const edges = useMemo(() => buildEdges(journey, visitedEdges, selectedEdges, 'insert'), [journey, visitedEdges, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns));
      const sel = changes.filter((c) => c.type === 'select');
      if (sel.length) {
        const next = new Set(selected);
        for (const c of sel) {
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
        }
        onSelect(next);
      }
    },
    [selected, onSelect],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (!sel.length) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of sel) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return next;
    });
  }, []);

  const onNodeDragStop = useCallback(
    (_e: unknown, _n: FlowNode, dragged: FlowNode[]) => {
      history.change((j) => moveNodes(j, new Map(dragged.map((n) => [n.id, n.position]))));
    },
    [history],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle) history.change((j) => connect(j, c.source, c.sourceHandle as string, c.target));
    },
    [history],
  );

  // Dragging an edge's end to another handle moves it; dropping it on empty canvas removes it.
  const reconnected = useRef(true);
  const onReconnectStart = useCallback(() => (reconnected.current = false), []);
  const onReconnect = useCallback(
    (old: { id: string }, c: Connection) => {
      reconnected.current = true;
      if (c.sourceHandle) history.change((j) => reconnect(j, old.id, c.source, c.sourceHandle as string, c.target));
    },
    [history],
  );
  const onReconnectEnd = useCallback(
    (_e: unknown, old: { id: string }) => {
      if (!reconnected.current) history.change((j) => remove(j, new Set(), new Set([old.id])));
      reconnected.current = true;
    },
    [history],
  );

  const isValidConnection = useCallback(
    (c: Connection | { source: string; target: string }) => {
      const t = journey.nodes.find((n) => n.id === c.target);
      return !!t && c.source !== c.target && acceptsInput(t.type);
    },
    [journey],
  );

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: FlowNode[]; edges: { id: string }[] }) => {
      history.change((j) => remove(j, new Set(ns.map((n) => n.id)), new Set(es.map((e) => e.id))));
      if (ns.length) onSelect(new Set([...selected].filter((id) => !ns.some((n) => n.id === id))));
    },
    [history, onSelect, selected],
  );

  // No layer promotion (will-change) while the canvas moves: Chromium already composites the
  // viewport's transform without repainting, and promoting it made every pan frame re-layerize
  // the whole canvas (test/bench/canvas: 4x the compositor work, mean frame 1.27x -> 1.09x of bare).
  // Zoomed far out, text is unreadable: nodes drop their details (less to build and paint on a big
  // journey; see detail.ts). The selector is a boolean, so the canvas re-renders only when the
  // threshold is crossed.
  // Until React Flow has set up its pan/zoom (an effect after the first commit) the store says
  // zoom 1: the viewport the canvas opens at decides, so the first picture is built far already.
  const storeFar = useStore((s) => (s.panZoom ? s.transform[2] < FAR_ZOOM : null));
  const far = storeFar ?? (initialViewport ? initialViewport.zoom < FAR_ZOOM : false);

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(NODE_DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const type = e.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!type || readOnly) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const at = { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 };
      const edgeId = edgeAt(e.clientX, e.clientY);
      // The node is made from the journey shown now, so its id is known before React applies the change.
      const node = newNode(journey, type, at);
      history.change((j: Journey) => (edgeId ? insertOnEdge(j, edgeId, node) : addNode(j, node)));
      onSelect(new Set([node.id]));
    },
    [history, journey, onSelect, readOnly, screenToFlowPosition],
  );

  // The "+" in the middle of an edge: the picked step goes between its ends, beside the halfway
  // point (stacked steps leave no room between them; auto-layout tidies up).
  const insert = useCallback(
    (edgeId: string, key: string) => {
      const edge = journey.edges.find((e) => e.id === edgeId);
      const from = journey.nodes.find((n) => n.id === edge?.source);
      const to = journey.nodes.find((n) => n.id === edge?.target);
      const at = from && to ? { x: (from.position.x + to.position.x) / 2 + NODE_WIDTH + 40, y: (from.position.y + to.position.y) / 2 } : { x: 0, y: 0 };
      const node = newNode(journey, key, at);
      history.change((j: Journey) => insertOnEdge(j, edgeId, node));
      onSelect(new Set([node.id]));
    },
    [history, journey, onSelect],
  );
  const addFromOutput = useCallback(
    (nodeId: string, output: string, key: string) => {
      const added = addAfter(journey, nodeId, key, output);
      history.change(() => added.journey);
      onSelect(new Set([added.node.id]));
    },
    [history, journey, onSelect],
  );

  return (
    <div className={far ? 'canvas far' : 'canvas'} ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      {initialViewport && (
        <FarContext.Provider value={far}>
          <InsertContext.Provider value={readOnly ? undefined : insert}>
            <ReactFlow<FlowNode>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStop={onNodeDragStop}
              onConnect={onConnect}
              onReconnect={onReconnect}
              onReconnectStart={onReconnectStart}
              onReconnectEnd={onReconnectEnd}
              // Far out an edge's ends are not draggable: their two grab circles per edge (a few
              // pixels wide at that zoom) were half the SVG of a big journey's first picture.
              edgesReconnectable={!readOnly && !far}
              isValidConnection={isValidConnection}
              onDelete={onDelete}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              edgesFocusable={!readOnly}
              deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
              multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
              defaultViewport={initialViewport}
              minZoom={MIN_ZOOM}
              proOptions={{ hideAttribution: true }}
            >
              {minimap && (
                <Panel position="bottom-right">
                  <Overview nodes={journey.nodes} />
                </Panel>
              )}
              {!readOnly && <FreeOutputs journey={journey} onAdd={addFromOutput} />}
              <Controls showInteractive={false} />
            </ReactFlow>
          </InsertContext.Provider>
        </FarContext.Provider>
      )}
    </div>
  );
});
