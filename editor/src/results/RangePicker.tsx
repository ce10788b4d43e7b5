/** The period of a results page: the last 7, 30 or 90 days, or a chosen range of days. */
import { useState } from 'react';
import type { RouterInputs } from '../api/types.js';

export type Range = NonNullable<RouterInputs['results']['journey']['range']>;

export function RangePicker({ range, onChange }: { range: Range; onChange(r: Range): void }) {
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const custom = !('days' in range);
  return (
    <span className="results-range" role="group" aria-label="Period">
      {([7, 30, 90] as const).map((d) => (
        <button key={d} className={'days' in range && range.days === d ? 'on' : ''} data-testid={`results-range-${d}`} onClick={() => onChange({ days: d })}>
          {d} days
        </button>
      ))}
      <input type="date" aria-label="From" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="results-from" />
      <input type="date" aria-label="To" value={to} onChange={(e) => setTo(e.target.value)} data-testid="results-to" />
      <button className={custom ? 'on' : ''} data-testid="results-range-apply" onClick={() => onChange({ from, to })}>
        Show range
      </button>
    </span>
  );
}
