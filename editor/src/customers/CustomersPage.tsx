/**
 * The customer list (`#/customers`): search by id, email or phone (or `plan=pro` for an
 * attribute), filter by an attribute, page forward and back with the API's keyset cursor, open a
 * customer. Import and export CSV for the current filter.
 */
import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import { CsvImport } from './CsvImport.js';
import './customers.css';

type Page = RouterOutputs['customers']['list'];
type Filter = { query: string; key: string; value: string; segmentId: string };
type Segment = RouterOutputs['segments']['list'][number];

const PAGE_SIZE = 50;

/** Query string of the CSV export for a filter (same fields as customers.list). */
export function exportHref(f: Filter): string {
  const p = new URLSearchParams({ query: f.query });
  if (f.key) {
    p.set('key', f.key);
    p.set('value', f.value);
  }
  if (f.segmentId) p.set('segment', f.segmentId);
  return `/export/customers.csv?${p.toString()}`;
}

export function CustomersPage() {
  const [filter, setFilter] = useState<Filter>({ query: '', key: '', value: '', segmentId: '' });
  const [segments, setSegments] = useState<Segment[]>([]);
  useEffect(() => {
    serverApi().segments.list.query().then(setSegments, () => setSegments([]));
  }, []);
  // The cursors of the pages before this one: "Previous" pops one.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [page, setPage] = useState<Page>();
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);
  const after = cursors.at(-1);

  useEffect(() => {
    let live = true;
    setError('');
    serverApi()
      .customers.list.query({
        query: filter.query,
        ...(filter.key ? { attribute: { key: filter.key, value: filter.value } } : {}),
        ...(filter.segmentId ? { segmentId: filter.segmentId } : {}),
        limit: PAGE_SIZE,
        ...(after ? { after } : {}),
      })
      .then((p) => live && setPage(p), (e: unknown) => live && setError(readable(e)));
    return () => void (live = false);
  }, [filter, after, reload]);

  const search = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    setFilter({ query: String(d.get('query') ?? '').trim(), key: String(d.get('key') ?? '').trim(), value: String(d.get('value') ?? '').trim(), segmentId: String(d.get('segment') ?? '') });
    setCursors([undefined]);
  };
  const first = (cursors.length - 1) * PAGE_SIZE;

  return (
    <div className="page customers-page" data-testid="customers-page">
      <PageHeader title="Customers">
        <a className="button" href="#/broadcasts" data-testid="open-broadcasts">
          Broadcasts
        </a>
      </PageHeader>
      <div className="customers-body">
        <form className="customers-filter" onSubmit={search} role="search">
          <input name="query" aria-label="Search by id, email, phone, or attribute=value" placeholder="Id, email, phone — or plan=pro" data-testid="customers-query" />
          <input name="key" aria-label="Attribute" placeholder="Attribute" data-testid="customers-attr-key" />
          <input name="value" aria-label="Attribute value" placeholder="Value" data-testid="customers-attr-value" />
          <select name="segment" aria-label="Segment" data-testid="customers-segment">
            <option value="">Any segment</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.size.toLocaleString()})
              </option>
            ))}
          </select>
          <button type="submit" className="primary" data-testid="customers-search">
            Search
          </button>
          <a className="button" href={exportHref(filter)} download="customers.csv" data-testid="customers-export">
            Export CSV
          </a>
        </form>
        <CsvImport onDone={() => setReload((n) => n + 1)} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!page && !error && <p className="muted">Loading…</p>}
        {page && (
          <>
            <table className="journeys customers-table" data-testid="customers-table">
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Email</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Attributes</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.id} data-testid="customer-row">
                    <td>
                      <a href={`#/c/${encodeURIComponent(c.id)}`}>{c.id}</a>
                    </td>
                    <td>{c.email ?? <span className="muted">—</span>}</td>
                    <td>{c.phone ?? <span className="muted">—</span>}</td>
                    <td>{c.timeZone ?? <span className="muted">default</span>}</td>
                    <td className="attrs" title={JSON.stringify(c.attributes)}>
                      {Object.entries(c.attributes ?? {})
                        .slice(0, 4)
                        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.items.length === 0 && <p className="muted">No customer matches.</p>}
            <nav className="pager" aria-label="Pages">
              <button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="customers-prev">
                ◀ Previous
              </button>
              <span className="muted" data-testid="customers-range">
                {page.items.length ? `${first + 1}–${first + page.items.length}` : ''}
              </span>
              <button disabled={!page.next} onClick={() => page.next && setCursors([...cursors, page.next])} data-testid="customers-next">
                Next ▶
              </button>
            </nav>
          </>
        )}
      </div>
    </div>
  );
}
