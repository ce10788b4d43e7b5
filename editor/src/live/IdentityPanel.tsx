/**
 * One customer per person, on the customer page (API only; docs/identity.md): the profiles that
 * share this customer's email or phone ("possible duplicates") with a Merge button, and the merge
 * history with an Un-merge button. Merging, un-merging and the workspace setting (merge such
 * customers by themselves) are for admins; others see the lists.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable, useSession } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';

type Duplicates = RouterOutputs['identity']['duplicates'];
type Merges = RouterOutputs['identity']['merges'];
type Sweep = RouterOutputs['identity']['settings']['sweep'];

export function IdentityPanel({ customerId, onChange }: { customerId: string; onChange: () => void }) {
  const session = useSession();
  const admin = session.status === 'signed-in' && session.user.role === 'admin';
  const [duplicates, setDuplicates] = useState<Duplicates>([]);
  const [merges, setMerges] = useState<Merges>([]);
  const [auto, setAuto] = useState<boolean>();
  const [sweep, setSweep] = useState<Sweep>(null);
  // Turning the setting on merges the duplicates already stored: their number is shown first.
  const [confirming, setConfirming] = useState<number>();
  const [error, setError] = useState('');
  const [ok, setOk] = useState('');
  const load = useCallback(() => {
    const api = serverApi().identity;
    Promise.all([api.duplicates.query({ customerId }), api.merges.query({ customerId }), api.settings.query()]).then(
      ([d, m, s]) => (setDuplicates(d), setMerges(m), setAuto(s.mergeOnSameAddress), setSweep(s.sweep)),
      (e: unknown) => setError(readable(e)),
    );
  }, [customerId]);
  useEffect(load, [load]);
  // While the pass over existing duplicates runs, its progress is read every second.
  useEffect(() => {
    if (sweep?.state !== 'running') return;
    const timer = setTimeout(() => {
      serverApi().identity.settings.query().then(
        (s) => {
          setSweep(s.sweep);
          if (s.sweep?.state !== 'running') {
            load();
            onChange();
          }
        },
        (e: unknown) => setError(readable(e)),
      );
    }, 1_000);
    return () => clearTimeout(timer);
  }, [sweep, load, onChange]);
  const act = (work: Promise<unknown>, done: string) => {
    setError('');
    setOk('');
    work.then(
      () => (setOk(done), load(), onChange()),
      (e: unknown) => setError(readable(e)),
    );
  };
  const merge = (sourceId: string) => act(serverApi().identity.merge.mutate({ sourceId, targetId: customerId }), `${sourceId} was merged into ${customerId}.`);
  const unmerge = (mergeId: string, sourceId: string) => act(serverApi().identity.unmerge.mutate({ mergeId }), `${sourceId} is a customer of its own again.`);
  const save = (on: boolean) => {
    setConfirming(undefined);
    act(
      serverApi().identity.saveSettings.mutate({ mergeOnSameAddress: on }).then((s) => setSweep(s.sweep)),
      on ? 'Customers with the same email or phone now merge by themselves.' : 'Customers with the same email or phone no longer merge by themselves.',
    );
  };
  const toggle = (on: boolean) => {
    if (!on) return save(false);
    setError('');
    serverApi().identity.sharedAddresses.query().then(
      ({ profiles }) => (profiles ? setConfirming(profiles) : save(true)),
      (e: unknown) => setError(readable(e)),
    );
  };
  return (
    <section className="identity" data-testid="customer-identity">
      <h2>One customer per person</h2>
      {duplicates.length > 0 && (
        <table className="journeys" data-testid="possible-duplicates">
          <caption className="muted">Possible duplicates (the same email or phone)</caption>
          <tbody>
            {duplicates.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`#/c/${encodeURIComponent(d.id)}`}>{d.id}</a>
                  {d.anonymous && <span className="muted"> (anonymous visitor)</span>}
                </td>
                <td className="muted">same {d.via}: {d.via === 'email' ? d.email : d.phone}</td>
                <td>
                  {admin && (
                    <button onClick={() => merge(d.id)} data-testid="merge-duplicate">
                      Merge into this customer
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {merges.length > 0 && (
        <table className="journeys" data-testid="merge-history">
          <caption className="muted">Merge history</caption>
          <tbody>
            {merges.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.sourceId} into {m.targetId}
                </td>
                <td className="muted">
                  {m.reason} · {m.by || 'ingest'} · {new Date(m.at).toLocaleString()}
                  {m.unmergedAt && ` · undone by ${m.unmergedBy ?? '?'} ${new Date(m.unmergedAt).toLocaleString()}`}
                </td>
                <td>
                  {admin && m.undoable && m.targetId === customerId && (
                    <button onClick={() => unmerge(m.id, m.sourceId)} data-testid="unmerge">
                      Un-merge
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {duplicates.length === 0 && merges.length === 0 && <p className="muted">No other profile shares this customer’s email or phone.</p>}
      {admin && auto !== undefined && (
        <label className="row">
          <input type="checkbox" checked={auto} onChange={(e) => toggle(e.target.checked)} data-testid="merge-on-same-address" />
          Merge known customers with the same email or phone by themselves (workspace setting)
        </label>
      )}
      {confirming !== undefined && (
        <div className="row" data-testid="merge-existing-confirm">
          <span>
            {confirming.toLocaleString()} known customer{confirming === 1 ? '' : 's'} share an email or phone with another now. Turning this on merges them too (the profile seen first
            survives; each merge can be undone).
          </span>
          <button onClick={() => save(true)} data-testid="merge-existing-yes">
            Turn on and merge them
          </button>
          <button onClick={() => setConfirming(undefined)}>Cancel</button>
        </div>
      )}
      {sweep && (sweep.state === 'running' || (sweep.finishedAt && Date.now() - Date.parse(sweep.finishedAt) < 86_400_000)) && (
        <p className="muted" data-testid="merge-existing-progress">
          {sweep.state === 'running' && <progress max={Math.max(1, sweep.total)} value={sweep.checked} />}{' '}
          {sweep.state === 'running' ? 'Merging the customers already stored' : `Existing duplicates ${sweep.state === 'done' ? 'merged' : sweep.state === 'stopped' ? 'merge stopped (the setting was turned off)' : `merge failed: ${sweep.error ?? ''}`}`}: {sweep.checked.toLocaleString()} of{' '}
          {sweep.total.toLocaleString()} looked at, {sweep.merged.toLocaleString()} merged
          {sweep.finishedAt && ` (${new Date(sweep.finishedAt).toLocaleString()})`}.
        </p>
      )}
      <Feedback error={error} ok={ok} errorId="identity-error" okId="identity-ok" />
    </section>
  );
}
