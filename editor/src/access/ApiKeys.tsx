/**
 * API keys (admins): make a scoped key (its token shown once, to copy), see each key's scopes
 * and last use, revoke one. Calls made with keys are audited (apiKeys.calls); docs/api-keys.md.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { RouterInputs, RouterOutputs } from '../api/client.js';
import { serverApi as api } from '../api/server.js';
import { readable } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';

type KeyRow = RouterOutputs['apiKeys']['list'][number];
type CallRow = RouterOutputs['apiKeys']['calls'][number];
type Scope = RouterInputs['apiKeys']['create']['scopes'][number];
const SCOPES: Array<{ scope: Scope; says: string }> = [
  { scope: 'read', says: 'read journeys, customers, suppressions' },
  { scope: 'write', says: 'save drafts, enrol, suppress' },
  { scope: 'publish', says: 'publish, pause, resume, stop' },
  { scope: 'admin', says: 'everything, users and keys too' },
];

export function ApiKeys() {
  const [keys, setKeys] = useState<KeyRow[]>();
  const [error, setError] = useState('');
  const [made, setMade] = useState<{ name: string; token: string }>();
  const [audit, setAudit] = useState<{ key: KeyRow; calls: CallRow[] }>();
  const showCalls = (key: KeyRow) =>
    audit?.key.id === key.id
      ? setAudit(undefined)
      : api().apiKeys.calls.query({ id: key.id, limit: 20 }).then((calls) => setAudit({ key, calls }), (e: unknown) => setError(readable(e)));
  const load = () => api().apiKeys.list.query().then(setKeys, (e: unknown) => setError(readable(e)));
  useEffect(() => void load(), []);
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    setError('');
    try {
      const scopes = SCOPES.map((s) => s.scope).filter((s) => d.get(`scope-${s}`));
      const r = await api().apiKeys.create.mutate({ name: String(d.get('name')), scopes });
      setMade({ name: r.key.name, token: r.token });
      form.reset();
      await load();
    } catch (err) {
      setError(readable(err));
    }
  };
  const revoke = async (k: KeyRow) => {
    if (!window.confirm(`Revoke "${k.name}"? Calls with it are refused at once.`)) return;
    setError('');
    await api().apiKeys.revoke.mutate({ id: k.id }).then(load, (e: unknown) => setError(readable(e)));
  };
  return (
    <section>
      <h2>API keys</h2>
      <p className="muted small">
        For backends and scripts: send <code>Authorization: Bearer &lt;key&gt;</code> to the <a href="/api/docs">REST API</a> or tRPC. Every call
        with a key is recorded.
      </p>
      <Feedback error={error} errorId="api-keys-error" />
      {made && (
        <div className="notice" data-testid="new-api-key">
          <p>
            The key <strong>{made.name}</strong>: copy it now, it is not shown again.
          </p>
          <code className="token" data-testid="new-api-key-token">
            {made.token}
          </code>{' '}
          <button className="link" onClick={() => void navigator.clipboard?.writeText(made.token)}>
            Copy
          </button>{' '}
          <button className="link" onClick={() => setMade(undefined)}>
            Done
          </button>
        </div>
      )}
      <table className="journeys" data-testid="api-keys-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key</th>
            <th>Scopes</th>
            <th>Made by</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No API keys yet.
              </td>
            </tr>
          )}
          {keys?.map((k) => (
            <tr key={k.id} data-testid={`api-key-${k.name}`} className={k.revokedAt ? 'muted' : undefined}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{k.scopes.join(', ')}</td>
              <td>
                {k.createdBy} · {new Date(k.createdAt).toLocaleDateString()}
              </td>
              <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>
                <button className="link" onClick={() => void showCalls(k)} aria-expanded={audit?.key.id === k.id}>
                  Calls
                </button>{' '}
                {k.revokedAt ? (
                  `revoked ${new Date(k.revokedAt).toLocaleDateString()}`
                ) : (
                  <button className="link danger" onClick={() => void revoke(k)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {audit && (
        <div data-testid="api-key-calls">
          <h3>
            Last calls of {audit.key.name} {audit.calls.length === 0 && <span className="muted">: none yet</span>}
          </h3>
          {audit.calls.length > 0 && (
            <table className="journeys">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Call</th>
                  <th>Status</th>
                  <th>Outcome</th>
                  <th>ms</th>
                </tr>
              </thead>
              <tbody>
                {audit.calls.map((c) => (
                  <tr key={c.id}>
                    <td>{new Date(c.at).toLocaleString()}</td>
                    <td>
                      <code>{c.route}</code>
                    </td>
                    <td>{c.status}</td>
                    <td className={c.status >= 400 ? 'error' : undefined}>{c.outcome}</td>
                    <td>{c.durationMs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <form className="row add-user" onSubmit={(e) => void create(e)} data-testid="add-api-key">
        <input name="name" placeholder="key name, e.g. staging CI" required maxLength={120} />
        {SCOPES.map((s) => (
          <label key={s.scope} title={s.says}>
            <input type="checkbox" name={`scope-${s.scope}`} defaultChecked={s.scope === 'read'} /> {s.scope}
          </label>
        ))}
        <button type="submit">Make key</button>
      </form>
    </section>
  );
}
