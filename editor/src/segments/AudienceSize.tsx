/**
 * "About 12,340 customers match now": the server's count for conditions being edited (a
 * segment's, a broadcast audience's), with a few of the matching customers. Shared by the
 * segment page and the broadcast form so both read the same way.
 */
import type { RouterOutputs } from '../api/client.js';

export type AudienceEstimate = RouterOutputs['segments']['estimate'];

export function AudienceSize({ estimate, error, busy, testId }: { estimate: AudienceEstimate | undefined; error: string; busy: boolean; testId: string }) {
  if (error) {
    return (
      <p className="error" role="alert" data-testid={`${testId}-error`}>
        {error}
      </p>
    );
  }
  if (!estimate) return <p className="muted">Counting…</p>;
  return (
    <>
      <p data-testid={`${testId}-summary`} aria-busy={busy}>
        {estimate.approximate ? 'About ' : ''}
        <strong data-testid={`${testId}-count`}>{estimate.count.toLocaleString('en')}</strong> {estimate.count === 1 ? 'customer matches' : 'customers match'} now, of{' '}
        {estimate.total.toLocaleString('en')}
        {estimate.approximate && <span className="muted"> (estimated from a sample: these conditions are evaluated one customer at a time)</span>}
      </p>
      {estimate.preview.length > 0 && (
        <ul className="segment-preview" data-testid={`${testId}-sample`} aria-label="Some of the matching customers">
          {estimate.preview.map((c) => (
            <li key={c.id}>
              <a href={`#/c/${encodeURIComponent(c.id)}`}>{c.id}</a> {c.email && <span className="muted">{c.email}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
