/** A segment's size over time (hourly samples) as a uPlot line, like the results charts. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function SizeChart({ points, height = 160 }: { points: Array<{ at: string | Date; size: number }>; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const xs = points.map((p) => new Date(p.at).getTime() / 1000);
    const ys = points.map((p) => p.size);
    // One sample draws a flat line over the hour, not a lone invisible point.
    if (xs.length === 1) {
      xs.push(xs[0]! + 3600);
      ys.push(ys[0]!);
    }
    const u = new uPlot(
      {
        width: el.clientWidth || 600,
        height,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [{}, { size: 60 }],
        series: [{}, { label: 'members', stroke: '#2563eb', width: 2 }],
        legend: { live: true },
      },
      [xs, ys],
      el,
    );
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
    };
  }, [points, height]);
  if (points.length === 0) return <p className="muted">No size recorded yet.</p>;
  return <div ref={box} className="segment-chart" data-testid="segment-size-chart" />;
}
