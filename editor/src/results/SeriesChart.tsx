/**
 * The daily series as a uPlot line chart (uPlot: about 50 kB, canvas-drawn, made for time
 * series; see the editor README). A thin hook around the chart object: created once per set of
 * series, its data replaced on each refresh, its width following the container.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  color: string;
  values: number[];
}

export function SeriesChart({ days, series, height = 220 }: { days: string[]; series: Series[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const key = series.map((s) => s.label).join('|');
  const data = (): uPlot.AlignedData => [days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000), ...series.map((s) => s.values)];

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { size: 50 }],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: days.length <= 31 } }))],
      legend: { live: true },
    };
    const u = new uPlot(opts, data(), el);
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // Rebuilt only when the set of series changes; data updates go through setData below.
  }, [key, height]);

  useEffect(() => {
    chart.current?.setData(data());
  }, [days, series]);

  return <div ref={box} className="results-chart" data-testid="results-chart" />;
}
