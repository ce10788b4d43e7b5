/**
 * The minimap. React Flow's <MiniMap> subscribes once per node to the flow store, which costs a
 * lot on every pan frame of a big journey; this one draws the steps once per journey change into
 * a static SVG and moves only the viewport frame (one subscription, a CSS transform).
 * Click or drag on it to move the canvas there.
 */
import { memo, useCallback, useMemo, useRef } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';
import type { JourneyNode } from '@cairn/core';
import { definitionOf } from '@cairn/core';
import { NODE_HEIGHT, NODE_WIDTH } from './size.js';

const W = 200;
const H = 140;
const PAD = 200;

export const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#7c3aed',
  condition: '#d97706',
  wait: '#0891b2',
  action: '#2563eb',
  goal: '#16a34a',
};

interface Frame {
  x: number;
  y: number;
  scale: number;
}

/** Maps flow coordinates into the minimap: the steps' bounds (padded) fitted into W×H. */
export function frameOf(nodes: ReadonlyArray<Pick<JourneyNode, 'position'>>): Frame {
  if (!nodes.length) return { x: -PAD, y: -PAD, scale: W / (2 * PAD) };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + NODE_WIDTH);
    maxY = Math.max(maxY, n.position.y + NODE_HEIGHT);
  }
  const w = maxX - minX + 2 * PAD;
  const h = maxY - minY + 2 * PAD;
  const scale = Math.min(W / w, H / h);
  // Centre the drawing in the box.
  return { x: minX - PAD - (W / scale - w) / 2, y: minY - PAD - (H / scale - h) / 2, scale };
}

const Steps = memo(function Steps({ nodes, frame }: { nodes: readonly JourneyNode[]; frame: Frame }) {
  return (
    <svg width={W} height={H} className="overview-steps">
      {nodes.map((n) => (
        <rect
          key={n.id}
          x={(n.position.x - frame.x) * frame.scale}
          y={(n.position.y - frame.y) * frame.scale}
          width={Math.max(2, NODE_WIDTH * frame.scale)}
          height={Math.max(2, NODE_HEIGHT * frame.scale)}
          rx={2}
          fill={CATEGORY_COLORS[definitionOf(n.type).category] ?? '#888'}
        />
      ))}
    </svg>
  );
});

function ViewportBox({ frame }: { frame: Frame }) {
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const x = (-tx / zoom - frame.x) * frame.scale;
  const y = (-ty / zoom - frame.y) * frame.scale;
  return (
    <div
      className="overview-viewport"
      style={{ width: (width / zoom) * frame.scale, height: (height / zoom) * frame.scale, transform: `translate(${x}px, ${y}px)` }}
    />
  );
}

export function Overview({ nodes }: { nodes: readonly JourneyNode[] }) {
  const frame = useMemo(() => frameOf(nodes), [nodes]);
  const { setCenter, getZoom } = useReactFlow();
  const dragging = useRef(false);
  const moveTo = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      const r = e.currentTarget.getBoundingClientRect();
      void setCenter(frame.x + (e.clientX - r.left) / frame.scale, frame.y + (e.clientY - r.top) / frame.scale, { zoom: getZoom() });
    },
    [frame, setCenter, getZoom],
  );
  return (
    <div
      className="overview"
      data-testid="minimap"
      style={{ width: W, height: H }}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => dragging.current && moveTo(e)}
      onPointerUp={() => (dragging.current = false)}
    >
      <Steps nodes={nodes} frame={frame} />
      <ViewportBox frame={frame} />
    </div>
  );
}
