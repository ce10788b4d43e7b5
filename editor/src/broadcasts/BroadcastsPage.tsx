/**
 * Broadcasts (`#/broadcasts`): each one's status, progress and results (sent, delivered, failed,
 * suppressed, as on a journey), with pause, resume and cancel; and the form for a new one.
 * Refreshed every second while any is scheduled, sending or paused.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import { BroadcastForm } from './BroadcastForm.js';
import './broadcasts.css';

type Broadcast = RouterOutputs['broadcasts']['list'][number];

const ACTIVE = ['scheduled', 'sending', 'paused'];

export function BroadcastsPage() {
  const [rows, setRows] = useState<Broadcast[]>();
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);
  const load = useCallback(
    () =>
      serverApi()
        .broadcasts.list.query()
        .then(setRows, (e: unknown) => setError(readable(e))),
    [],
  );
  useEffect(() => void load(), [load]);
  // A journey broadcast's entries are routed after its workflow wrote them: keep counting until none wait.
  const active = rows?.some((b) => ACTIVE.includes(b.status) || (b.entries?.waiting ?? 0) > 0) ?? false;
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => void load(), 1000);
    return () => clearInterval(t);
  }, [active, load]);

  const act = async (what: 'pause' | 'resume' | 'cancel', id: string) => {
    setError('');
    try {
      await serverApi().broadcasts[what].mutate({ id });
      await load();
    } catch (e) {
      setError(readable(e));
    }
  };

  return (
    <div className="page broadcasts-page" data-testid="broadcasts-page">
      <PageHeader title="Broadcasts">
        <button className="primary" onClick={() => setCreating(!creating)} data-testid="new-broadcast">
          {creating ? 'Close' : '+ New broadcast'}
        </button>
        <a className="button" href="#/customers">
          Customers
        </a>
      </PageHeader>
      <div className="broadcasts-body">
        {creating && (
          <BroadcastForm
            onSent={() => {
              setCreating(false);
              void load();
            }}
          />
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {rows?.length === 0 && !creating && <p className="muted">No broadcast yet. A broadcast sends one message to many customers, through the same delivery rules as journeys.</p>}
        {rows && rows.length > 0 && (
          <table className="journeys broadcasts-table" data-testid="broadcasts-table">
            <thead>
              <tr>
                <th scope="col">Broadcast</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Sent</th>
                <th scope="col">Delivered</th>
                <th scope="col">Failed</th>
                <th scope="col">Suppressed</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <BroadcastRow key={b.id} b={b} act={act} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function when(b: Broadcast): string {
  if (b.timing === 'at' && b.sendAt) return `at ${new Date(b.sendAt).toLocaleString()}`;
  if (b.timing === 'local') return `${b.localDate} ${b.localTime} local time`;
  return b.startedAt ? `started ${new Date(b.startedAt).toLocaleString()}` : 'now';
}

function BroadcastRow({ b, act }: { b: Broadcast; act: (what: 'pause' | 'resume' | 'cancel', id: string) => Promise<void> }) {
  const r = b.results;
  const refused = r.suppressed + r.capped + r.noAddress;
  // `processed` moves at the end of each page; the messages written move with every send.
  const handled = Math.min(b.total, Math.max(b.processed, r.sent + r.failed + refused + r.deferred));
  const pct = b.total > 0 ? Math.min(100, Math.round((handled / b.total) * 100)) : b.status === 'done' ? 100 : 0;
  return (
    <tr data-testid="broadcast-row" data-status={b.status}>
      <td>
        <strong>{b.name}</strong>
        <div className="muted">
          {[b.message ? ((b.message as { type: string }).type === 'action.sms' ? 'SMS' : 'Email') : null, b.journeyId ? 'journey entry' : null].filter(Boolean).join(' + ')} · {when(b)} · {b.ratePerSecond}/s
        </div>
      </td>
      <td>
        <span className={`status broadcast-${b.status}`} data-testid="broadcast-status">
          {b.status}
        </span>
      </td>
      <td>
        <progress max={100} value={pct} aria-label={`${b.name}: ${pct}% of customers handled`} data-testid="broadcast-progress" />
        <div className="muted" data-testid="broadcast-progress-text">
          {b.total === 0 && ACTIVE.includes(b.status) ? 'counting customers…' : `${handled.toLocaleString()} of ${b.total.toLocaleString()} customers`}
        </div>
        {b.entries && (
          <div className="muted" data-testid="broadcast-entries">
            {b.entries.enrolled.toLocaleString()} entered the journey
            {b.entries.skipped > 0 && `, ${b.entries.skipped.toLocaleString()} turned away by its entry rules`}
            {b.entries.waiting > 0 && `, ${b.entries.waiting.toLocaleString()} on their way`}
          </div>
        )}
      </td>
      <td data-testid="broadcast-sent">{r.sent}</td>
      <td>{r.delivered}</td>
      <td className={r.failed ? 'error' : ''}>{r.failed}</td>
      <td data-testid="broadcast-suppressed" title={`suppressed ${r.suppressed}, capped ${r.capped}, no address ${r.noAddress}${r.deferred ? `, waiting ${r.deferred}` : ''}`}>
        {refused}
      </td>
      <td className="actions">
        {(b.status === 'sending' || b.status === 'scheduled') && (
          <button onClick={() => void act('pause', b.id)} data-testid="broadcast-pause">
            Pause
          </button>
        )}
        {b.status === 'paused' && (
          <button onClick={() => void act('resume', b.id)} data-testid="broadcast-resume">
            Resume
          </button>
        )}
        {ACTIVE.includes(b.status) && (
          <button onClick={() => void act('cancel', b.id)} data-testid="broadcast-cancel">
            Cancel
          </button>
        )}
      </td>
    </tr>
  );
}
