/**
 * In the publish review of a journey that starts on "Enters a saved segment": only customers who
 * enter after publishing would start it, so the review offers to also enrol the customers who are
 * in the segment now, with their number shown first. Enrolment runs after publishing, throttled
 * on the server (segments.enrolMatching).
 */
import { useEffect, useState } from 'react';
import type { Journey } from '@cairn/core';
import { client } from '../api/client.js';
import { serverApi } from '../api/server.js';

export interface EnrolChoice {
  enrol: boolean;
  count: number;
}

/** The saved segments a journey starts on. */
export function triggerSegments(journey: Journey): string[] {
  return [...new Set(journey.nodes.flatMap((n) => (n.type === 'trigger.segment-entered' && n.segmentId ? [n.segmentId] : [])))];
}

/** After the journey is live: starts the throttled enrolment of the current members. */
export async function enrolCurrentMembers(journeyId: string): Promise<void> {
  await serverApi().segments.enrolMatching.mutate({ journeyId });
}

export function EnrolMatching({ journey, value, onChange }: { journey: Journey; value: EnrolChoice; onChange(v: EnrolChoice): void }) {
  const ids = triggerSegments(journey);
  const [sizes, setSizes] = useState<Array<{ name: string; size: number }>>();
  useEffect(() => {
    if (client.kind !== 'server' || ids.length === 0) return;
    serverApi()
      .segments.list.query()
      .then((all) => {
        const mine = all.filter((s) => ids.includes(s.id)).map((s) => ({ name: s.name, size: s.size }));
        setSizes(mine);
        onChange({ enrol: value.enrol, count: mine.reduce((n, s) => n + s.size, 0) });
      }, () => setSizes([]));
  }, [ids.join(',')]);
  if (client.kind !== 'server' || ids.length === 0) return null;
  if (!sizes) return <p className="muted">Counting the segment’s members…</p>;
  const count = sizes.reduce((n, s) => n + s.size, 0);
  return (
    <section data-testid="review-enrol-matching" aria-label="Customers in the segment now">
      <h3>Customers in the segment now</h3>
      <p>
        {sizes.map((s) => `“${s.name}”: ${s.size.toLocaleString('en')}`).join(', ')}. Only customers who enter the segment after publishing start the journey, unless you enrol these too.
      </p>
      <label>
        <input type="checkbox" data-testid="enrol-matching" disabled={count === 0} checked={value.enrol} onChange={(e) => onChange({ enrol: e.target.checked, count })} /> Also enrol the{' '}
        <strong>{count.toLocaleString('en')}</strong> customer{count === 1 ? '' : 's'} who match now (a few each second)
      </label>
    </section>
  );
}
