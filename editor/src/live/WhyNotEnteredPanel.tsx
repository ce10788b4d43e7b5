/**
 * "Why did this customer not enter this journey?" on the customer page: pick any live journey;
 * the answer (api journeys/why-not-entered.ts) names the journey's state, the entry rules against
 * their past entries, and for each trigger what starts it against what they did. API only.
 */
import { useEffect, useState } from 'react';
import { client, type JourneySummary, type RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';

type Answer = RouterOutputs['policy']['whyNotEntered'];

export function WhyNotEnteredPanel({ customerId }: { customerId: string }) {
  const [journeys, setJourneys] = useState<JourneySummary[]>([]);
  const [journeyId, setJourneyId] = useState('');
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState('');
  useEffect(() => {
    void client.list().then((all) => {
      // Published journeys first: a draft has one answer ("never published").
      const sorted = [...all].sort((a, b) => Number(Boolean(b.liveVersion)) - Number(Boolean(a.liveVersion)) || a.name.localeCompare(b.name));
      setJourneys(sorted);
      setJourneyId((cur) => cur || (sorted[0]?.id ?? ''));
    });
  }, []);
  const ask = () => {
    setError('');
    serverApi()
      .policy.whyNotEntered.query({ customerId, journeyId })
      .then(setAnswer, (e: unknown) => setError(readable(e)));
  };
  if (journeys.length === 0) return null;
  return (
    <section className="why-not" data-testid="why-not-entered">
      <h2>Why not entered?</h2>
      <div className="row">
        <select aria-label="journey to explain" value={journeyId} onChange={(e) => (setJourneyId(e.target.value), setAnswer(undefined))} data-testid="why-entered-journey">
          {journeys.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
              {j.liveVersion ? '' : ' (draft)'}
            </option>
          ))}
        </select>
        <button onClick={ask} disabled={!journeyId} data-testid="why-entered-ask">
          Ask
        </button>
      </div>
      <Feedback error={error} errorId="why-entered-error" />
      {answer && (
        <div data-testid="why-entered-answer">
          <p>
            <strong>{answer.summary}</strong>
          </p>
          {answer.reasons.length > 0 && (
            <ul>
              {answer.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
