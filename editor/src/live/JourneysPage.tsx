/**
 * The journeys list: status badges, live version and totals of each journey; search by name,
 * filters by stage and status (archived hidden unless asked), sort by last change; the actions on
 * each journey behind a confirmation; new and import.
 */
import { useEffect, useMemo, useState } from 'react';
import { LifecycleStage } from '@cairn/core';
import type { JourneySummary } from '../api/client.js';
import { client, clientReady } from '../api/client.js';
import { AccountMenu } from '../access/AccountMenu.js';
import { ImportBox } from '../canvas/ImportExport.js';
import { blankJourney, journeyIdFrom } from '../state/blank.js';
import { go } from '../router.js';
import { badgesOf } from './controls.js';
import { DEFAULT_VIEW, STATUS_FILTERS, viewJourneys, type ListView } from './filter.js';
import { JourneyActions } from './JourneyActions.js';
import './live.css';

export function JourneysPage() {
  const [list, setList] = useState<JourneySummary[]>();
  const [error, setError] = useState('');
  const [importing, setImporting] = useState(false);
  const [view, setView] = useState<ListView>(DEFAULT_VIEW);
  const [done, setDone] = useState('');
  const shown = useMemo(() => (list ? viewJourneys(list, view) : undefined), [list, view]);
  const set = (patch: Partial<ListView>) => setView((v) => ({ ...v, ...patch }));
  const load = () => clientReady.then(() => client.list()).then(setList, (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
    const t = setInterval(load, 5000);
    return () => clearInterval(t);
  }, []);
  const create = async () => {
    const name = 'New journey';
    const j = blankJourney(journeyIdFrom(name), name);
    await clientReady;
    await client.saveDraft(j);
    go(`/j/${j.id}`);
  };
  return (
    <div className="page list-page" data-testid="journeys-page">
      <header className="topbar">
        <h1>Cairn · Journeys</h1>
        <button className="primary" data-testid="new-journey" onClick={() => void create()}>
          + New journey
        </button>
        <a className="button" href="#/templates" data-testid="new-from-template">
          New from template
        </a>
        <button data-testid="import-journey" onClick={() => setImporting(!importing)}>
          Import JSON
        </button>
        {client.kind === 'server' && (
          <a className="button" href="#/policy" data-testid="open-policy">
            Suppressions &amp; delivery
          </a>
        )}
        {client.kind === 'server' && (
          <a className="button" href="#/customers" data-testid="open-customers">
            Customers
          </a>
        )}
        {client.kind === 'server' && (
          <a className="button" href="#/segments" data-testid="open-segments">
            Segments
          </a>
        )}
        {client.kind === 'server' && (
          <a className="button" href="#/tasks" data-testid="open-tasks">
            Tasks
          </a>
        )}
        {client.kind === 'server' && (
          <a className="button" href="#/results" data-testid="open-results-overview">
            Results
          </a>
        )}
        <span className="muted">{client.kind === 'local' ? 'drafts are kept in this browser' : ''}</span>
        <form
          className="customer-search"
          onSubmit={(e) => {
            e.preventDefault();
            const id = new FormData(e.currentTarget).get('customer');
            if (typeof id === 'string' && id.trim()) go(`/c/${encodeURIComponent(id.trim())}`);
          }}
        >
          <input name="customer" aria-label="Open a customer by id" placeholder="Open a customer by id…" data-testid="customer-open" />
        </form>
        <AccountMenu />
      </header>
      {importing && (
        <ImportBox
          onImport={async (j) => {
            await client.saveDraft(j);
            go(`/j/${j.id}`);
          }}
        />
      )}
      {error && <div className="error">{error}</div>}
      <div className="list-filters" role="search">
        <input
          type="search"
          aria-label="Search journeys by name"
          placeholder="Search by name…"
          data-testid="journey-search"
          value={view.query}
          onChange={(e) => set({ query: e.target.value })}
        />
        <label>
          Stage{' '}
          <select data-testid="filter-stage" value={view.stage} onChange={(e) => set({ stage: e.target.value })}>
            <option value="">Any stage</option>
            {LifecycleStage.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select data-testid="filter-status" value={view.status} onChange={(e) => set({ status: e.target.value as ListView['status'] })}>
            {STATUS_FILTERS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort{' '}
          <select data-testid="sort" value={view.sort} onChange={(e) => set({ sort: e.target.value as ListView['sort'] })}>
            <option value="changed-desc">Last changed first</option>
            <option value="changed-asc">Least recently changed first</option>
            <option value="name">Name</option>
          </select>
        </label>
        <span className="muted" data-testid="journey-count" aria-live="polite">
          {shown ? `${shown.length} of ${list?.length ?? 0}` : ''}
        </span>
      </div>
      {done && (
        <div className="banner info" role="status" data-testid="list-message" onClick={() => setDone('')}>
          {done}
        </div>
      )}
      <div className="table-scroll">
        <table className="journeys" data-testid="journeys-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Stage</th>
              <th scope="col" className="num">Entered</th>
              <th scope="col" className="num">In journey</th>
              <th scope="col" className="num">Completed</th>
              <th scope="col" className="num">Exited</th>
              <th scope="col">Last changed</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown?.map((j) => (
              <tr key={j.id} data-testid={`journey-row-${j.id}`} data-status={j.status}>
                <td>
                  <a href={`#/j/${j.id}`}>{j.name}</a>
                  {j.liveVersion !== null && (
                    <a className="results-link" style={{ marginLeft: 8, fontSize: 12 }} href={`#/j/${j.id}/results`} data-testid={`results-${j.id}`} title={`Results of “${j.name}”`}>
                      Results
                    </a>
                  )}
                </td>
                <td className="badges" data-testid="badges">
                  {badgesOf(j).map((b) => (
                    <span key={b.kind} className={`status status-${b.kind}`} data-testid={`badge-${b.kind}`}>
                      {b.text}
                    </span>
                  ))}
                </td>
                <td>{j.stage ?? <span className="muted">—</span>}</td>
                <td className="num">{j.totals?.entered ?? '—'}</td>
                <td className="num" data-testid="in-journey">{j.totals?.inJourney ?? '—'}</td>
                <td className="num">{j.totals?.completed ?? '—'}</td>
                <td className="num">{j.totals?.exited ?? '—'}</td>
                <td className="muted" title={new Date(j.updatedAt).toLocaleString()}>
                  {new Date(j.updatedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
                </td>
                <td>
                  <JourneyActions
                    compact
                    journey={{ ...j, inJourney: j.totals?.inJourney }}
                    onDone={(r) => {
                      setDone(r.message);
                      void load();
                    }}
                  />
                </td>
              </tr>
            ))}
            {list?.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No journeys yet. Create one or import journey JSON.
                </td>
              </tr>
            )}
            {list && list.length > 0 && shown?.length === 0 && (
              <tr>
                <td colSpan={9} className="muted" data-testid="no-match">
                  No journey matches.{' '}
                  <button className="link" onClick={() => setView(DEFAULT_VIEW)}>
                    Clear the filters
                  </button>
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
