/** The journeys list: status, live version and totals of each journey; new and import. */
import { useEffect, useState } from 'react';
import type { JourneySummary } from '../api/client.js';
import { client, clientReady } from '../api/client.js';
import { AccountMenu } from '../access/AccountMenu.js';
import { ImportBox } from '../canvas/ImportExport.js';
import { blankJourney, journeyIdFrom } from '../state/blank.js';
import { go } from '../router.js';

export function JourneysPage() {
  const [list, setList] = useState<JourneySummary[]>();
  const [error, setError] = useState('');
  const [importing, setImporting] = useState(false);
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
        <span className="muted">{client.kind === 'local' ? 'drafts are kept in this browser' : ''}</span>
        <form
          className="customer-search"
          onSubmit={(e) => {
            e.preventDefault();
            const id = new FormData(e.currentTarget).get('customer');
            if (typeof id === 'string' && id.trim()) go(`/c/${encodeURIComponent(id.trim())}`);
          }}
        >
          <input name="customer" placeholder="Open a customer by id…" data-testid="customer-open" />
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
      <table className="journeys" data-testid="journeys-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Live version</th>
            <th>Entered</th>
            <th>Waiting</th>
            <th>Completed</th>
            <th>Exited</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list?.map((j) => (
            <tr key={j.id} data-testid={`journey-row-${j.id}`}>
              <td>
                <a href={`#/j/${j.id}`}>{j.name}</a>
              </td>
              <td>
                <span className={`status status-${j.status}`}>{j.status}</span>
              </td>
              <td>{j.liveVersion ? `v${j.liveVersion}` : '—'}</td>
              <td>{j.totals?.entered ?? '—'}</td>
              <td>{j.totals?.inJourney ?? '—'}</td>
              <td>{j.totals?.completed ?? '—'}</td>
              <td>{j.totals?.exited ?? '—'}</td>
              <td className="muted">{new Date(j.updatedAt).toLocaleString()}</td>
              <td>
                {client.remove && (
                  <button
                    className="link danger"
                    onClick={() => {
                      if (confirm(`Delete “${j.name}”?`)) void client.remove?.(j.id).then(load);
                    }}
                  >
                    delete
                  </button>
                )}
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
        </tbody>
      </table>
    </div>
  );
}
