/** The saved segments (`#/segments`): name, size, last change; a new one opens its page. */
import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import './segments.css';

type Row = RouterOutputs['segments']['list'][number];

export function SegmentsPage() {
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState('');
  useEffect(() => {
    serverApi().segments.list.query().then(setRows, (e: unknown) => setError(readable(e)));
  }, []);
  return (
    <div className="page segments-page" data-testid="segments-page">
      <PageHeader title="Segments">
        <a className="button primary" href="#/segments/new" data-testid="new-segment">
          + New segment
        </a>
      </PageHeader>
      <div className="segments-body">
        {error && <p className="error" role="alert">{error}</p>}
        {!rows && !error && <p className="muted">Loading…</p>}
        {rows && rows.length === 0 && <p className="muted">No segments yet. A segment is a saved audience that journeys start on or check.</p>}
        {rows && rows.length > 0 && (
          <table className="journeys" data-testid="segments-table">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Members</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="segment-row">
                  <td>
                    <a href={`#/segments/${encodeURIComponent(s.id)}`}>{s.name}</a>
                    {s.description && <div className="muted">{s.description}</div>}
                  </td>
                  <td>{s.size.toLocaleString('en')}</td>
                  <td>{new Date(s.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
