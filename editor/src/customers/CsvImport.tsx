/**
 * Customer CSV import: starts an import (customers.importStart), uploads the file to
 * POST /upload/customers/<id> (streamed by the API: no tRPC body limit), and shows the rows read
 * while it runs (customers.importStatus), then what was applied or every row error.
 */
import { useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';

type Job = RouterOutputs['customers']['importStatus'];
type RowError = { row: number; column: string; message: string };

export function CsvImport({ onDone }: { onDone: () => void }) {
  const [job, setJob] = useState<Job>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const upload = async (file: File) => {
    setError('');
    setBusy(true);
    try {
      const started = await serverApi().customers.importStart.mutate({ fileName: file.name });
      setJob(started);
      // Progress while the server reads the file.
      const poll = setInterval(() => {
        serverApi()
          .customers.importStatus.query({ id: started.id })
          .then(setJob, () => undefined);
      }, 500);
      try {
        const res = await fetch(`/upload/customers/${encodeURIComponent(started.id)}`, { method: 'POST', body: file, headers: { 'Content-Type': 'text/csv' }, credentials: 'same-origin' });
        const body = (await res.json()) as Job & { error?: string };
        if (body.error) setError(body.error);
        else setJob(body);
        if (res.ok) onDone();
      } finally {
        clearInterval(poll);
      }
    } catch (e) {
      setError(readable(e));
    } finally {
      setBusy(false);
    }
  };

  const errors = (job?.errors ?? []) as RowError[];
  return (
    <section className="csv-import" aria-label="Import customers from CSV">
      <label className="button">
        Import CSV…
        <input
          type="file"
          accept=".csv,text/csv"
          hidden
          disabled={busy}
          data-testid="customers-import-file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void upload(f);
          }}
        />
      </label>
      <span className="muted">Columns: id, email, phone, timeZone, consent.&lt;topic&gt;, and attributes (age:number, vip:boolean, renewal:date).</span>
      {job && (
        <p data-testid="customers-import-status" className={job.status === 'failed' ? 'error' : 'ok'} role="status">
          {job.status === 'validating' && `Reading… ${job.totalRows.toLocaleString()} rows checked`}
          {job.status === 'applying' && `Saving ${job.totalRows.toLocaleString()} customers…`}
          {job.status === 'done' && `Imported ${job.appliedRows.toLocaleString()} customers from ${job.fileName || 'the file'}.`}
          {job.status === 'failed' && `Nothing was imported: ${errors.length}${errors.length >= 1000 ? '+' : ''} problem${errors.length === 1 ? '' : 's'} in ${job.fileName || 'the file'}. Fix them and import the file again.`}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {errors.length > 0 && (
        <table className="journeys import-errors" data-testid="customers-import-errors">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, 200).map((e, i) => (
              <tr key={i}>
                <td>{e.row}</td>
                <td>{e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
