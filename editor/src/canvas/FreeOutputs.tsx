/**
 * A "+" under every output that leads nowhere yet: the step picked there is connected from that
 * output and placed below it (state/add-after.ts). Drawn in flow coordinates (ViewportPortal)
 * from the saved positions and the computed handle geometry (handles.ts), so the node view stays
 * as it is; hidden far out and on read-only canvases.
 */
import { memo, useContext, useMemo, useState } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { Journey } from '@cairn/core';
import { stepRef } from '@cairn/core';
import { StepPicker } from '../palette/StepPicker.js';
import { FarContext } from './detail.js';
import { HANDLE_SIZE, handlesOf, safeOutputs } from './handles.js';
import './insert.css';

/** Below the handle: clear of the output's label. */
const DROP = 30;

export const FreeOutputs = memo(function FreeOutputs({ journey, onAdd }: { journey: Journey; onAdd(nodeId: string, output: string, key: string): void }) {
  const far = useContext(FarContext);
  const [open, setOpen] = useState<string>();
  // Far out none is drawn: not worked out either (a big journey opens far out).
  const free = useMemo(() => {
    if (far) return [];
    const used = new Set(journey.edges.map((e) => `${e.source}\u0000${e.sourceHandle ?? 'next'}`));
    return journey.nodes.flatMap((n) => {
      const outputs = safeOutputs(n, journey.edges);
      return handlesOf(n, outputs)
        .filter((h) => h.type === 'source' && !used.has(`${n.id}\u0000${h.id}`))
        .map((h) => ({
          nodeId: n.id,
          output: h.id as string,
          // "after Wait for order, timeout": by title and output label, as the canvas shows them.
          name: `${stepRef(n).title}${outputs.length > 1 ? `, ${outputs.find((o) => o.id === h.id)?.label ?? h.id}` : ''}`,
          x: n.position.x + h.x + HANDLE_SIZE / 2,
          y: n.position.y + h.y + HANDLE_SIZE + DROP,
        }));
    });
  }, [journey, far]);
  if (far || free.length === 0) return null;
  return (
    <ViewportPortal>
      {free.map((f) => {
        const key = `${f.nodeId}:${f.output}`;
        return (
          <div key={key} className={open === key ? 'edge-insert open nodrag nopan' : 'edge-insert nodrag nopan'} style={{ transform: `translate(-50%, -50%) translate(${f.x}px, ${f.y}px)` }}>
            <button
              type="button"
              aria-label={`Add a step after ${f.name}`}
              title="Add a step here"
              data-testid={`output-add-${f.nodeId}-${f.output}`}
              aria-expanded={open === key}
              onClick={() => setOpen(open === key ? undefined : key)}
            >
              +
            </button>
            {open === key && (
              <StepPicker
                onClose={() => setOpen(undefined)}
                onPick={(pick) => {
                  setOpen(undefined);
                  onAdd(f.nodeId, f.output, pick);
                }}
              />
            )}
          </div>
        );
      })}
    </ViewportPortal>
  );
});
