/**
 * "Why was this customer not messaged by this step?" on the customer page: pick a journey they
 * entered and one of its message steps (or click "why?" on a message in the timeline). The
 * answer comes from the records (did they reach the step, what each attempt recorded) plus what
 * the delivery policy would decide if the step sent to them now. API only.
 */
import { useEffect, useState } from 'react';
import type { Journey } from '@cairn/core';
import { definitionOf, kindTitleOf, messageSpecOf, summaryTextOf } from '@cairn/core';
import { client, type RouterOutputs, type TimelineItem } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';

/** Steps that send a message: the kind says so (its `message` spec), whatever kinds exist. */
const isMessage = (n: Journey['nodes'][number]): boolean => {
  try {
    return messageSpecOf(definitionOf(n.type)) !== undefined;
  } catch {
    return false;
  }
};

type Answer = RouterOutputs['policy']['whyNot'];

/** A step as the canvas names it: its label, else its kind and first line ("Send email: Hi {{ … }}"). */
function stepTitle(n: Journey['nodes'][number]): string {
  if (n.label) return n.label;
  const said = summaryTextOf(n);
  return said ? `${kindTitleOf(n)}: ${said.length > 40 ? `${said.slice(0, 39)}…` : said}` : kindTitleOf(n);
}

export function WhyNotPanel({ customerId, timeline, pick }: { customerId: string; timeline: TimelineItem[]; pick?: { journeyId: string; nodeId: string } | undefined }) {
  const journeys = [...new Map(timeline.flatMap((t) => (t.kind === 'enrolment' ? [[t.journeyId, t.journeyName] as const] : []))).entries()];
  const [journeyId, setJourneyId] = useState(pick?.journeyId ?? journeys[0]?.[0] ?? '');
  const [nodeId, setNodeId] = useState(pick?.nodeId ?? '');
  const [steps, setSteps] = useState<Journey['nodes']>([]);
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState('');

  useEffect(() => {
    if (!journeyId) return;
    void client.get(journeyId).then((j) => {
      const nodes = (j?.draft.nodes ?? []).filter(isMessage);
      setSteps(nodes);
      setNodeId((cur) => (cur && nodes.some((n) => n.id === cur) ? cur : (nodes[0]?.id ?? '')));
    });
  }, [journeyId]);
  const query = (j: string, n: string) => {
    setError('');
    serverApi()
      .policy.whyNot.query({ customerId, journeyId: j, nodeId: n })
      .then(setAnswer, (e: unknown) => setError(readable(e)));
  };
  const ask = () => query(journeyId, nodeId);
  // A "why?" clicked on a message in the timeline asks about that step at once.
  useEffect(() => {
    if (!pick) return;
    setJourneyId(pick.journeyId);
    setNodeId(pick.nodeId);
    query(pick.journeyId, pick.nodeId);
  }, [pick]);

  if (journeys.length === 0) return null;
  return (
    <section className="why-not" data-testid="why-not">
      <h2>Why not messaged?</h2>
      <div className="row">
        <select aria-label="journey" value={journeyId} onChange={(e) => setJourneyId(e.target.value)} data-testid="why-journey">
          {journeys.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label="step" value={nodeId} onChange={(e) => setNodeId(e.target.value)} data-testid="why-node">
          {steps.map((n) => (
            <option key={n.id} value={n.id}>
              {stepTitle(n)}
            </option>
          ))}
        </select>
        <button onClick={ask} disabled={!journeyId || !nodeId} data-testid="why-ask">
          Ask
        </button>
      </div>
      <Feedback error={error} errorId="why-error" />
      {answer && (
        <div data-testid="why-answer">
          <p>
            <strong>{answer.summary}</strong>
          </p>
          {answer.attempts.length > 0 && (
            <ul>
              {answer.attempts.map((a, i) => (
                <li key={i}>
                  {new Date(a.at).toLocaleString()}: {a.status}
                  {a.reason ? ` — ${a.reason}` : ''}
                  {a.deferredUntil ? ` (until ${new Date(a.deferredUntil).toLocaleString()})` : ''}
                </li>
              ))}
            </ul>
          )}
          {answer.ifSentNow && (
            <p className="muted" data-testid="why-now">
              If this step sent to them now: {answer.ifSentNow.kind === 'allow' ? 'it would be sent' : `${answer.ifSentNow.kind} — ${'reason' in answer.ifSentNow ? answer.ifSentNow.reason : ''}`}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
