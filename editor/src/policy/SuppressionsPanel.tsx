/** The suppression list: search, add, lift with a reason, and CSV import. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Channel, isHard, SuppressionReason } from '@cairn/core';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';

const CHANNELS = ['all', ...Channel.options] as const;
/** Reasons staff may record by hand ("imported" is the CSV import's). */
const REASONS = SuppressionReason.exclude(['imported']).options;

/** A suppression as `suppressions.list` returns it (`hard` null: decided by reason and channel, engine's isHard). */
type Row = RouterOutputs['suppressions']['list']['items'][number];

export function SuppressionsPanel({ by }: { by: string }) {
  const [rows, setRows] = useState<Row[]>();
  const [q, setQ] = useState('');
  const [state, setState] = useState<'active' | 'removed' | 'all'>('active');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = useCallback(
    () =>
      serverApi()
        .suppressions.list.query({ state, ...(q.trim() ? { q: q.trim() } : {}), limit: 200 })
        .then((r) => setRows(r.items), (e: unknown) => setError(readable(e))),
    [q, state],
  );
  useEffect(() => void load(), [load]);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    try {
      await what();
      setNotice(done);
      await load();
      return true;
    } catch (e) {
      setError(readable(e));
      return false;
    }
  };

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const who = String(d.get('who')).trim();
    const ref = who.includes('@') ? { email: who } : /^\+?[\d\s().-]{6,}$/.test(who) ? { phone: who } : { customerId: who };
    const note = String(d.get('note')).trim();
    const ok = await run(
      () =>
        serverApi().suppressions.add.mutate({
          ...ref,
          channel: d.get('channel') as (typeof CHANNELS)[number],
          reason: d.get('reason') as (typeof REASONS)[number],
          source: `editor (${by})`,
          ...(note ? { note } : {}),
        }),
      `Suppressed ${who}: effective for the next send of every journey.`,
    );
    if (ok) form.reset();
  };

  const lift = (row: Row) => {
    const reason = window.prompt(`Why may ${row.customer?.email ?? row.customerId} be contacted again on ${row.channel}? (kept in the audit trail)`);
    if (reason !== null) void run(() => serverApi().suppressions.remove.mutate({ id: row.id, reason }), 'Suppression lifted.');
  };

  return (
    <section>
      <form className="row" onSubmit={(e) => void add(e)} data-testid="suppress-form">
        <input name="who" placeholder="customer id, email or phone" required data-testid="suppress-who" />
        <select name="channel" defaultValue="all" data-testid="suppress-channel">
          {CHANNELS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <select name="reason" defaultValue="refused_contact" data-testid="suppress-reason">
          {REASONS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <input name="note" placeholder="note (optional)" />
        <button className="primary" type="submit" data-testid="suppress-add">
          Suppress
        </button>
      </form>
      <CsvImport onDone={() => void load()} />
      <Feedback error={error} ok={notice} errorId="suppressions-error" okId="suppressions-notice" />
      <div className="row">
        <input placeholder="Search id, email or phone…" value={q} onChange={(e) => setQ(e.target.value)} data-testid="suppressions-search" />
        <select value={state} onChange={(e) => setState(e.target.value as typeof state)} data-testid="suppressions-state">
          <option value="active">in force</option>
          <option value="removed">lifted</option>
          <option value="all">all</option>
        </select>
      </div>
      <table className="journeys" data-testid="suppressions-table">
        <thead>
          <tr>
            <th>Customer</th>
            <th>Channel</th>
            <th>Reason</th>
            <th>Source</th>
            <th>Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => (
            <tr key={r.id} data-testid={`suppression-${r.customerId}-${r.channel}`}>
              <td>
                <a href={`#/c/${encodeURIComponent(r.customerId)}`}>{r.customerId}</a> <span className="muted">{r.customer?.email ?? r.customer?.phone ?? ''}</span>
              </td>
              <td>{r.channel}</td>
              <td>
                {r.reason}{' '}
                {isHard({ reason: r.reason as SuppressionReason, channel: r.channel as 'all', ...(r.hard !== null ? { hard: r.hard } : {}) }) ? (
                  <span className="muted">(hard: transactional too)</span>
                ) : (
                  <span className="muted">(marketing only)</span>
                )}
              </td>
              <td>{r.source}</td>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
              <td>
                {r.removedAt ? (
                  <span className="muted">
                    lifted by {r.removedBy}: {r.removedReason}
                  </span>
                ) : (
                  <button className="link danger" onClick={() => lift(r)} data-testid={`lift-${r.customerId}-${r.channel}`}>
                    Lift…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows?.length === 0 && <p className="muted">No suppressions{q ? ` matching “${q}”` : ''}.</p>}
    </section>
  );
}

type ImportJob = RouterOutputs['suppressions']['import'];

/** A CSV file (customer_id/email/phone, channel, reason, note): checked whole, applied whole or not at all. */
function CsvImport({ onDone }: { onDone(): void }) {
  const [job, setJob] = useState<ImportJob>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const upload = async (file: File) => {
    setBusy(true);
    setError('');
    setJob(undefined);
    try {
      const csv = await file.text();
      const done = await serverApi().suppressions.import.mutate({ csv, fileName: file.name });
      setJob(done);
      onDone();
    } catch (e) {
      setError(readable(e));
    } finally {
      setBusy(false);
    }
  };
  const errors = (job?.errors as Array<{ row: number; column?: string; message: string }> | undefined) ?? [];
  return (
    <div className="csv-import" data-testid="suppress-import">
      <label className="row">
        Import a CSV (columns customer_id or email or phone, channel, reason, note):
        <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} data-testid="suppress-import-file" />
      </label>
      {busy && <p className="muted">Checking every row…</p>}
      {error && <p className="error">{error}</p>}
      {job && (
        <div data-testid="suppress-import-result" data-status={job.status}>
          {job.status === 'done' ? (
            <p className="ok">
              Imported {job.appliedRows} of {job.totalRows} rows.
            </p>
          ) : (
            <>
              <p className="error">Nothing was imported: fix these rows and upload the file again.</p>
              <ul>
                {errors.slice(0, 50).map((e, i) => (
                  <li key={i}>
                    row {e.row}
                    {e.column ? `, ${e.column}` : ''}: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
