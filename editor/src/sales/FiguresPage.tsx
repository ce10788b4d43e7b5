/** The handoff's figures (`#/tasks/figures`): per rep and per team, from sales.figures. */
import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import './sales.css';

type Figures = RouterOutputs['sales']['figures'];
type Row = Figures['total'];

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const rate = (r: Row, n: number) => (r.tasks ? `${n} (${Math.round((n / r.tasks) * 100)}%)` : '0');

function Table({ title, rows, testid }: { title: string; rows: Row[]; testid: string }) {
  return (
    <section>
      <h2>{title}</h2>
      <table className="journeys figures-table" data-testid={testid}>
        <thead>
          <tr>
            <th scope="col">{title === 'Teams' ? 'Team' : 'Rep'}</th>
            <th scope="col">Tasks</th>
            <th scope="col">Open</th>
            <th scope="col">Overdue</th>
            <th scope="col">First contact (median)</th>
            <th scope="col">Won</th>
            <th scope="col">Lost</th>
            <th scope="col">No answer</th>
            <th scope="col">Call back</th>
            <th scope="col">Win rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.tasks}</td>
              <td>{r.open}</td>
              <td className={r.overdue ? 'error' : ''}>{r.overdue}</td>
              <td>{r.medianFirstContactMinutes === null ? '—' : `${r.medianFirstContactMinutes} min (${r.contacted} contacted)`}</td>
              <td>{rate(r, r.outcomes.won)}</td>
              <td>{rate(r, r.outcomes.lost)}</td>
              <td>{rate(r, r.outcomes.no_answer)}</td>
              <td>{rate(r, r.outcomes.call_back)}</td>
              <td>{pct(r.winRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function FiguresPage() {
  const [days, setDays] = useState(30);
  const [f, setF] = useState<Figures>();
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    serverApi().sales.figures.query({ days }).then((x) => live && setF(x), (e: unknown) => live && setError(readable(e)));
    return () => void (live = false);
  }, [days]);
  return (
    <div className="page tasks-page" data-testid="sales-figures">
      <PageHeader title="Sales follow-up figures">
        <a className="button" href="#/tasks">
          Tasks
        </a>
        <label className="scope">
          Last{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Period">
            {[7, 30, 90, 365].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      <div className="tasks-body">
        {error && <p className="error">{error}</p>}
        {f && (
          <>
            <Table title="Reps" rows={[...f.reps, f.total]} testid="figures-reps" />
            <Table title="Teams" rows={f.teams} testid="figures-teams" />
          </>
        )}
      </div>
    </div>
  );
}
