/**
 * A connection with a "+" on it, just above the step it leads to (halfway when several lead
 * there): clear of a split's output labels and figures, which sit at the other end. The button
 * opens a small palette (StepPicker) and the step picked goes between the two ends (source -> new
 * step -> old target, ops.insertOnEdge), as dropping a step on the edge does. Read-only canvases
 * and far zoom show the plain edge.
 */
import { createContext, memo, useContext, useState } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useConnection, type EdgeProps } from '@xyflow/react';
import { StepPicker } from '../palette/StepPicker.js';
import { FarContext } from './detail.js';
import './insert.css';

/** Inserts a step of palette item `key` on edge `edgeId`; absent when the canvas is read-only. */
/**
 * How far above the target's input the "+" sits: clear of the edge's reconnect anchor, a 10 px
 * circle React Flow draws 10 px above the input (a "+" over it took the drag of the edge's end).
 */
const ABOVE = 34;

export const InsertContext = createContext<((edgeId: string, key: string) => void) | undefined>(undefined);

export const InsertEdge = memo(function InsertEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth, data } = props;
  const [path, midX, midY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const shared = (data as { shared?: boolean } | undefined)?.shared ?? false;
  // Just above the target while the edge comes down into it from far enough; halfway otherwise.
  const above = !shared && targetY - sourceY > 2 * ABOVE;
  const insert = useContext(InsertContext);
  const far = useContext(FarContext);
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} {...(interactionWidth !== undefined ? { interactionWidth } : {})} />
      {/* Its own component: far out (a big journey opens so) an edge is only its path, with no
          store subscription or state per edge for a "+" that is not drawn. */}
      {insert && !far && <InsertButton id={id} x={above ? targetX : midX} y={above ? targetY - ABOVE : midY} insert={insert} />}
    </>
  );
});

function InsertButton({ id, x, y, insert }: { id: string; x: number; y: number; insert(edgeId: string, key: string): void }) {
  const [open, setOpen] = useState(false);
  // While a connection is drawn or an edge end is dragged, the "+" steps aside: it must not sit
  // between the pointer and the handle being aimed at.
  const connecting = useConnection((c) => c.inProgress);
  if (connecting) return null;
  return (
    <EdgeLabelRenderer>
      <div className={open ? 'edge-insert open nodrag nopan' : 'edge-insert nodrag nopan'} style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}>
        <button type="button" aria-label="Insert a step here" title="Insert a step here" data-testid={`edge-insert-${id}`} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          +
        </button>
        {open && (
          <StepPicker
            onClose={() => setOpen(false)}
            onPick={(key) => {
              setOpen(false);
              insert(id, key);
            }}
          />
        )}
      </div>
    </EdgeLabelRenderer>
  );
}
