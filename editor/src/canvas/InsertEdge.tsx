/**
 * A connection with a "+" on it, just above the step it leads to (halfway when several lead
 * there): clear of a split's output labels and figures, which sit at the other end. The button
 * opens a small palette (StepPicker) and the step picked goes between the two ends (source -> new
 * step -> old target, ops.insertOnEdge), as dropping a step on the edge does. Read-only canvases
 * and far zoom show the plain edge.
 */
import { createContext, memo, useContext, useState } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { StepPicker } from '../palette/StepPicker.js';
import { FarContext } from './detail.js';
import './insert.css';

/** Inserts a step of palette item `key` on edge `edgeId`; absent when the canvas is read-only. */
/** How far above the target's input the "+" sits (smoothstep's last vertical run is 20 px or more). */
const ABOVE = 18;

export const InsertContext = createContext<((edgeId: string, key: string) => void) | undefined>(undefined);

export const InsertEdge = memo(function InsertEdge(props: EdgeProps) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth, data } = props;
  const [path, midX, midY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const shared = (data as { shared?: boolean } | undefined)?.shared ?? false;
  // Just above the target while the edge comes down into it from far enough; halfway otherwise.
  const above = !shared && targetY - sourceY > 2 * ABOVE;
  const [labelX, labelY] = above ? [targetX, targetY - ABOVE] : [midX, midY];
  const insert = useContext(InsertContext);
  const far = useContext(FarContext);
  const [open, setOpen] = useState(false);
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} {...(interactionWidth !== undefined ? { interactionWidth } : {})} />
      {insert && !far && (
        <EdgeLabelRenderer>
          <div
            className={open ? 'edge-insert open nodrag nopan' : 'edge-insert nodrag nopan'}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
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
      )}
    </>
  );
});
