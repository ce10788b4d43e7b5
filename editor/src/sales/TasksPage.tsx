/**
 * The rep's inbox (`#/tasks`): my open sales tasks, overdue first, then due today and upcoming
 * (admins see everyone's, or only theirs). Each row opens the task page.
 */
import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import './sales.css';

type Inbox = RouterOutputs['sales']['inbox'];
type Row = Inbox['today'][number];

const when = (iso: string | Date) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function Section({ title, rows, testid, tone }: { title: string; rows: Row[]; testid: string; tone?: string }) {
  return (
    <section className={`task-section ${tone ?? ''}`} data-testid={testid}>
      <h2>
        {title} <span className="count">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : (
        <table className="journeys tasks-table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Customer</th>
              <th scope="col">Journey</th>
              <th scope="col">Priority</th>
              <th scope="col">Due</th>
              <th scope="col">Rep</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} data-testid="task-row">
                <td>
                  <a href={`#/tasks/${encodeURIComponent(t.id)}`}>{t.title}</a>
                  {t.status === 'escalated' && <span className="tag warn">escalated</span>}
                </td>
                <td>{t.customerName}</td>
                <td>{t.journeyName}</td>
                <td>
                  <span className={`tag prio-${t.priority}`}>{t.priority}</span>
                </td>
                <td>{when(t.dueAt)}</td>
                <td>{t.rep ?? <span className="muted">unassigned</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function TasksPage() {
  const [scope, setScope] = useState<'mine' | 'all'>('all');
  const [inbox, setInbox] = useState<Inbox>();
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    serverApi().sales.inbox.query({ scope }).then((i) => live && setInbox(i), (e: unknown) => live && setError(readable(e)));
    return () => void (live = false);
  }, [scope, reload]);
  // Shown at once; a refusal reloads what the server has.
  const setAway = (away: boolean) => {
    setInbox((i) => i && { ...i, away });
    return serverApi().sales.setAway.mutate({ away }).then(undefined, (e: unknown) => {
      setError(readable(e));
      setReload((n) => n + 1);
    });
  };
  return (
    <div className="page tasks-page" data-testid="tasks-page">
      <PageHeader title="My tasks">
        <a className="button" href="#/tasks/figures" data-testid="open-sales-figures">
          Figures
        </a>
        <a className="button" href="#/tasks/team" data-testid="open-sales-team">
          Team
        </a>
        {inbox?.isRep && (
          <label className="scope">
            <input type="checkbox" checked={inbox.away} onChange={(e) => void setAway(e.target.checked)} data-testid="rep-away" /> I am away (no new tasks)
          </label>
        )}
        <label className="scope">
          <input type="checkbox" checked={scope === 'mine'} onChange={(e) => setScope(e.target.checked ? 'mine' : 'all')} /> only mine
        </label>
      </PageHeader>
      <div className="tasks-body">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!inbox && !error && <p className="muted">Loading…</p>}
        {inbox && (
          <>
            {!inbox.isRep && <p className="muted">You have no sales role: tasks assigned to you appear here once an admin adds you as a rep.</p>}
            <p className="muted">Times in your browser's time zone; "today" is counted in {inbox.timeZone}.</p>
            <Section title="Overdue" rows={inbox.overdue} testid="tasks-overdue" tone="overdue" />
            <Section title="Due today" rows={inbox.today} testid="tasks-today" />
            <Section title="Upcoming" rows={inbox.upcoming} testid="tasks-upcoming" />
          </>
        )}
      </div>
    </div>
  );
}
