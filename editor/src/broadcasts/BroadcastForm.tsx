/**
 * A new broadcast: the message (email or SMS, Liquid as in a journey), who gets it (everyone, a
 * saved segment's members, or customers whose attributes match every condition), when (now, at a time, or the same local
 * time in each customer's zone) and how fast. "Send" creates it and starts it.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { OPERATOR_WORDS, Operator, type RuleGroup } from '@cairn/core';
import type { RouterInputs, RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { parseRuleValue } from '../inspector/RuleBuilder.js';
import { AudienceSize, type AudienceEstimate } from '../segments/AudienceSize.js';

type Condition = { attribute: string; operator: Operator; value: string };
type Timing = RouterInputs['broadcasts']['create']['timing'];
type Audience = RouterInputs['broadcasts']['create']['audience'];

function ruleGroupOf(conditions: Condition[]): RuleGroup {
  return {
    op: 'and',
    rules: conditions.filter((c) => c.attribute.trim()).map((c) => ({ kind: 'attribute', attribute: c.attribute.trim(), operator: c.operator, value: parseRuleValue(c.value) })),
  };
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function BroadcastForm({ onSent }: { onSent: (id: string) => void }) {
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [who, setWho] = useState<'all' | 'segment' | 'rules'>('all');
  const [segments, setSegments] = useState<RouterOutputs['segments']['list']>([]);
  useEffect(() => {
    serverApi().segments.list.query().then(setSegments, () => setSegments([]));
  }, []);
  const [conditions, setConditions] = useState<Condition[]>([{ attribute: '', operator: 'eq', value: '' }]);
  const [when, setWhen] = useState<'now' | 'at' | 'local'>('now');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [segmentId, setSegmentId] = useState('');
  // What it does: a message, a journey entry, or both.
  const [withMessage, setWithMessage] = useState(true);
  const [journeyId, setJourneyId] = useState('');
  const [journeys, setJourneys] = useState<RouterOutputs['broadcasts']['journeys']>([]);
  useEffect(() => {
    serverApi().broadcasts.journeys.query().then(setJourneys, () => setJourneys([]));
  }, []);
  const chosenSegment = segmentId || segments[0]?.id || '';
  const audience = useMemo<Audience>(
    () => (who === 'all' ? { kind: 'all' } : who === 'segment' ? { kind: 'segment', segmentId: chosenSegment } : { kind: 'rules', group: ruleGroupOf(conditions) }),
    [who, chosenSegment, conditions],
  );

  // How many the audience reaches now: counted on the server a moment after the last change.
  const [size, setSize] = useState<AudienceEstimate>();
  const [sizeError, setSizeError] = useState('');
  const [counting, setCounting] = useState(false);
  const audienceKey = JSON.stringify(audience);
  useEffect(() => {
    if (audience.kind === 'segment' && !audience.segmentId) return;
    let live = true;
    setCounting(true);
    const t = setTimeout(() => {
      serverApi()
        .broadcasts.audienceSize.query({ audience })
        .then((e) => live && (setSize(e), setSizeError('')), (e: unknown) => live && setSizeError(readable(e)))
        .finally(() => live && setCounting(false));
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [audienceKey]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const str = (k: string) => String(d.get(k) ?? '').trim();
    const timing: Timing =
      when === 'at' ? { mode: 'at', at: new Date(str('at')).getTime() } : when === 'local' ? { mode: 'local', date: str('localDate'), time: str('localTime'), timeZone: str('timeZone') || 'UTC' } : { mode: 'now' };
    const message = channel === 'email' ? { type: 'action.email', subject: str('subject'), body: str('body'), topic: str('topic') || 'promotions' } : { type: 'action.sms', body: str('body'), topic: str('topic') || 'promotions' };
    setError('');
    setBusy(true);
    try {
      const b = await serverApi().broadcasts.create.mutate({
        name: str('name'),
        ...(withMessage ? { message } : {}),
        ...(journeyId ? { journeyId } : {}),
        audience,
        timing,
        ratePerSecond: Number(str('rate')) || 50,
      });
      await serverApi().broadcasts.send.mutate({ id: b.id });
      onSent(b.id);
    } catch (err) {
      setError(readable(err));
    } finally {
      setBusy(false);
    }
  };

  const setCondition = (i: number, patch: Partial<Condition>) => setConditions(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <form className="broadcast-form" onSubmit={(e) => void submit(e)} data-testid="broadcast-form">
      <h2>New broadcast</h2>
      <label>
        Name <input name="name" required maxLength={200} data-testid="broadcast-name" placeholder="Winter sale" />
      </label>
      <fieldset>
        <legend>What it does</legend>
        <label>
          <input type="checkbox" checked={withMessage} onChange={(e) => setWithMessage(e.target.checked)} data-testid="broadcast-with-message" /> Send a message
        </label>
        <label>
          Enrol into a journey{' '}
          <select value={journeyId} onChange={(e) => setJourneyId(e.target.value)} data-testid="broadcast-journey" aria-label="Enrol into a journey">
            <option value="">no journey</option>
            {journeys.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        </label>
        {journeys.length === 0 && <span className="muted"> (a live journey with an "Enrolled by API or by hand" trigger can be chosen here)</span>}
      </fieldset>
      {withMessage && (
      <fieldset>
        <legend>Message</legend>
        <label>
          Channel{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value as 'email' | 'sms')} data-testid="broadcast-channel">
            <option value="email">Email</option>
            <option value="sms">SMS</option>
          </select>
        </label>
        <label>
          Topic <input name="topic" defaultValue="promotions" data-testid="broadcast-topic" />
        </label>
        {channel === 'email' && (
          <label className="wide">
            Subject <input name="subject" required data-testid="broadcast-subject" placeholder='Hello {{ customer.firstName | default: "there" }}' />
          </label>
        )}
        <label className="wide">
          Body <textarea name="body" required rows={4} data-testid="broadcast-body" />
        </label>
      </fieldset>
      )}
      <fieldset>
        <legend>Audience</legend>
        <label>
          <input type="radio" name="who" checked={who === 'all'} onChange={() => setWho('all')} /> Every customer
        </label>
        <label>
          <input type="radio" name="who" checked={who === 'segment'} onChange={() => setWho('segment')} disabled={segments.length === 0} data-testid="broadcast-who-segment" /> The members of a segment
        </label>
        {who === 'segment' && (
          <select name="segment" required aria-label="Segment" className="pick" data-testid="broadcast-segment" value={chosenSegment} onChange={(e) => setSegmentId(e.target.value)}>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.size.toLocaleString()} now)
              </option>
            ))}
          </select>
        )}
        <label>
          <input type="radio" name="who" checked={who === 'rules'} onChange={() => setWho('rules')} data-testid="broadcast-who-rules" /> Customers whose attributes match
        </label>
        {who === 'rules' &&
          conditions.map((c, i) => (
            <div className="condition" key={i}>
              <input aria-label="Attribute" placeholder="attribute" value={c.attribute} onChange={(e) => setCondition(i, { attribute: e.target.value })} data-testid="broadcast-attr" />
              <select aria-label="Operator" value={c.operator} onChange={(e) => setCondition(i, { operator: e.target.value as Operator })}>
                {Operator.options.map((o) => (
                  <option key={o} value={o}>
                    {OPERATOR_WORDS[o]}
                  </option>
                ))}
              </select>
              <input aria-label="Value" placeholder="value" value={c.value} onChange={(e) => setCondition(i, { value: e.target.value })} data-testid="broadcast-value" />
              {i === conditions.length - 1 && (
                <button type="button" onClick={() => setConditions([...conditions, { attribute: '', operator: 'eq', value: '' }])}>
                  + and
                </button>
              )}
            </div>
          ))}
        <div className="audience-size" aria-live="polite" data-testid="broadcast-audience">
          <AudienceSize estimate={size} error={sizeError} busy={counting} testId="broadcast-audience" />
        </div>
      </fieldset>
      <fieldset>
        <legend>When</legend>
        <label>
          <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> Now
        </label>
        <label>
          <input type="radio" name="when" checked={when === 'at'} onChange={() => setWhen('at')} data-testid="broadcast-when-at" /> At
        </label>
        {when === 'at' && <input type="datetime-local" name="at" required aria-label="Send at" />}
        <label>
          <input type="radio" name="when" checked={when === 'local'} onChange={() => setWhen('local')} data-testid="broadcast-when-local" /> At the same local time for each customer
        </label>
        {when === 'local' && (
          <span className="local">
            <input type="date" name="localDate" required aria-label="Local date" />
            <input type="time" name="localTime" required defaultValue="09:00" aria-label="Local time" />
            <label>
              for customers without a time zone <input name="timeZone" defaultValue={browserZone} aria-label="Fallback time zone" />
            </label>
          </span>
        )}
      </fieldset>
      <label>
        At most <input type="number" name="rate" min={1} max={2000} defaultValue={50} className="rate" data-testid="broadcast-rate" /> messages per second
      </label>
      {error && (
        <p className="error" role="alert" data-testid="broadcast-error">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy} data-testid="broadcast-send">
        {when === 'now' ? 'Send' : 'Schedule'}
      </button>
    </form>
  );
}
