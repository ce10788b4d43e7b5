/** A customer's page: profile, suppressions, and their timeline (events, journeys, messages with outcomes). */
import { useEffect, useState } from 'react';
import type { CustomerView } from '../api/client.js';
import { client, clientReady } from '../api/client.js';
import { PageHeader } from '../pages/PageHeader.js';
import { inZone, relativeTime } from './relative-time.js';
import { WhyNotPanel } from './WhyNotPanel.js';
import { WhyNotEnteredPanel } from './WhyNotEnteredPanel.js';
import { IdentityPanel } from './IdentityPanel.js';

export function CustomerPage({ id }: { id: string }) {
  const [view, setView] = useState<CustomerView | null>();
  const [error, setError] = useState('');
  const [pick, setPick] = useState<{ journeyId: string; nodeId: string }>();
  // "5 minutes ago" is read against the time of the last refresh.
  const [now, setNow] = useState(() => Date.now());
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const load = () =>
      clientReady
        .then(() => client.customer(id))
        .then((v) => (setNow(Date.now()), setView(v ?? null)), (e: Error) => setError(e.message));
    void load();
    const t = setInterval(load, 5000);
    return () => clearInterval(t);
  }, [id, reloads]);
  return (
    <div className="page customer-page" data-testid="customer-page">
      <PageHeader title={`Customer ${id}`} />
      <div className="customer-body">
        {error && <p className="error">{error}</p>}
        {view === undefined && !error && <p className="muted">Loading…</p>}
        {view === null && <p className="muted">{client.kind === 'local' ? 'Customers live on the server: start the API to see them.' : `No customer “${id}”.`}</p>}
        {view && (
          <>
            <section>
              <p>
                {view.email ?? <span className="muted">no email</span>} · time zone {view.timeZone ?? 'workspace default'}
              </p>
              {view.suppressions.length > 0 && (
                <p className="error" data-testid="customer-suppressions">
                  Refused: {view.suppressions.map((s) => `${s.channel} (${s.reason})`).join(', ')}
                </p>
              )}
              <table className="journeys attributes" data-testid="customer-attributes">
                <caption className="muted">Attributes</caption>
                <tbody>
                  {Object.entries(view.attributes).map(([key, value]) => (
                    <tr key={key}>
                      <th scope="row">{key}</th>
                      <td>{typeof value === 'string' ? value : JSON.stringify(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <table className="journeys" data-testid="customer-timeline">
              <tbody>
                {view.timeline.map((t, i) => (
                  <tr key={i} data-kind={t.kind}>
                    <td className="muted" title={inZone(Date.parse(String(t.at)), view.timeZone)} data-testid="timeline-when">
                      {relativeTime(Date.parse(String(t.at)), now)}
                    </td>
                    <td>
                      <span className={`status kind-${t.kind}`}>{t.kind}</span>
                    </td>
                    <td>
                      {t.title}
                      {t.kind === 'message' && 'detail' in t && t.detail && (
                        <details className="message-content" data-testid="message-content">
                          <summary>content</summary>
                          <pre>{t.detail}</pre>
                        </details>
                      )}
                      {t.kind === 'message' && t.journeyId && t.nodeId && t.status !== 'sent' && (
                        <button className="link" data-testid="why-this" onClick={() => setPick({ journeyId: t.journeyId!, nodeId: t.nodeId! })}>
                          why?
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {client.kind === 'server' && <WhyNotPanel customerId={id} timeline={view.timeline} pick={pick} />}
            {client.kind === 'server' && <WhyNotEnteredPanel customerId={id} />}
            {client.kind === 'server' && <IdentityPanel customerId={view.id} onChange={() => setReloads((n) => n + 1)} />}
          </>
        )}
      </div>
    </div>
  );
}
