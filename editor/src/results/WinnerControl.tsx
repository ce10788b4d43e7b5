/**
 * "Make this the winner" for one experiment: pick a variant, confirm, and a new version is
 * published in which the split sends everyone down it (results.makeWinner). Customers already
 * inside keep their version; the holdout cannot win.
 */
import { useState } from 'react';
import { serverApi } from '../api/server.js';

export function WinnerControl({ journeyId, nodeId, variants, onDone }: { journeyId: string; nodeId: string; variants: Array<{ output: string; label: string }>; onDone(message: string): void }) {
  const [asking, setAsking] = useState<{ output: string; label: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const publish = async () => {
    if (!asking) return;
    setBusy(true);
    try {
      const r = await serverApi().results.makeWinner.mutate({ journeyId, nodeId, output: asking.output });
      setAsking(undefined);
      setError(undefined);
      onDone(`Published version ${r.version}: ${r.note}.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="results-winner" data-testid={`winner-${nodeId}`}>
      {!asking && (
        <>
          <span className="muted">Make the winner:</span>
          {variants.map((v) => (
            <button key={v.output} data-testid={`make-winner-${v.output}`} onClick={() => setAsking(v)}>
              {v.label}
            </button>
          ))}
        </>
      )}
      {asking && (
        <span role="alertdialog" aria-label="Make the winner" className="results-winner-confirm">
          <span>
            Publish a new version in which everyone takes <strong>{asking.label}</strong>? Customers already inside keep their version.
          </span>
          <button className="primary" disabled={busy} data-testid="confirm-winner" onClick={() => void publish()}>
            Publish
          </button>
          <button disabled={busy} onClick={() => setAsking(undefined)}>
            Cancel
          </button>
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
