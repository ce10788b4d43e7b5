/**
 * The test-customer panel: describe a customer (or pick a real one) and a timeline of events,
 * run the journey in the browser, and read each step with its time and reason.
 */
import { useEffect, useState } from 'react';
import { Channel, type Journey } from '@cairn/core';
import type { CustomerSample } from '../api/client.js';
import { client } from '../api/client.js';
import { DurationInput } from '../inspector/FieldEditor.js';
import type { SimulateState, TestCustomer, TimelineEvent } from './initial.js';
import { followTrigger, triggerEventOf } from './initial.js';
import type { SimulationView } from './run.js';
import { offsetText, runTestCustomer } from './run.js';
import { policyFacts } from './policy-facts.js';

/** The channels a test customer may have refused: the engine's, and all of them. */
const CHANNELS = [...Channel.options, 'all'] as const;

export interface SimulatePanelProps {
  journey: Journey;
  state: SimulateState;
  onState(s: SimulateState): void;
  view: SimulationView | undefined;
  onView(v: SimulationView | undefined): void;
  onPick(nodeId: string): void;
}

export function SimulatePanel({ journey, state, onState, view, onView, onPick }: SimulatePanelProps) {
  const [error, setError] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerSample[]>([]);
  const { customer, timeline } = state;
  // The first test event follows the trigger while the marketer has not renamed it.
  useEffect(() => {
    const next = followTrigger(state, journey);
    if (next !== state) onState(next);
  }, [state, journey, onState]);
  const awaited = triggerEventOf(journey);
  const sent = new Set(timeline.map((e) => e.name));
  const setCustomer = (patch: Partial<TestCustomer>) => onState({ ...state, customer: { ...customer, ...patch } });
  const setEvent = (i: number, patch: Partial<TimelineEvent>) => onState({ ...state, timeline: timeline.map((e, k) => (k === i ? { ...e, ...patch } : e)) });
  // A real customer is tried with their active suppressions too, as production's policy would
  // refuse them (their profile is read for it; the search results do not carry them).
  // Their consent records, the workspace's quiet hours and caps and the messages they were sent
  // go along too (policyFacts): every message step then meets production's policy.
  const pickCustomer = async (c: CustomerSample) => {
    const [full, policy] = await Promise.all([client.customer(c.id).catch(() => undefined), policyFacts(c.id)]);
    const suppressed = [...new Set((full?.suppressions ?? []).map((x) => x.channel))].filter((ch) => (CHANNELS as readonly string[]).includes(ch));
    const { policy: _was, ...rest } = customer;
    setCustomer({ ...rest, id: c.id, attributes: JSON.stringify(c.attributes, null, 2), timeZone: c.timeZone ?? customer.timeZone, suppressed, ...(policy ? { policy } : {}) });
  };
  const nameOf = (id: string) => {
    const n = journey.nodes.find((x) => x.id === id);
    return n?.label || id;
  };
  const run = () => {
    try {
      const start = Date.parse(`${state.start}:00Z`);
      onView(runTestCustomer(journey, customer, timeline, Number.isFinite(start) ? start : Date.now()));
      setError('');
    } catch (err) {
      setError((err as Error).message);
      onView(undefined);
    }
  };
  return (
    <div className="simulate" data-testid="simulate-panel">
      <h2>Test customer</h2>
      {client.kind === 'server' && (
        <div className="row">
          <input placeholder="Find a real customer…" aria-label="Find a real customer" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="sim-find" />
          <button data-testid="sim-find-go" onClick={() => void client.customers(query).then(setFound)}>
            Find
          </button>
        </div>
      )}
      {found.map((c) => (
        <button
          key={c.id}
          className="link"
          data-testid={`sim-customer-${c.id}`}
          onClick={() => void pickCustomer(c)}
        >
          {c.id}
        </button>
      ))}
      {customer.policy && (
        <p className="muted" data-testid="sim-policy">
          {customer.id} is tried with their consent ({customer.policy.consents.length} record{customer.policy.consents.length === 1 ? '' : 's'}), the workspace’s {customer.policy.settings.quietHours ? 'quiet hours' : 'delivery settings'} and {customer.policy.settings.caps.length} frequency cap{customer.policy.settings.caps.length === 1 ? '' : 's'}, and the {customer.policy.recentSends.length} message{customer.policy.recentSends.length === 1 ? '' : 's'} they were sent lately.
        </p>
      )}
      <label className="field-label">Attributes (JSON)</label>
      <textarea rows={5} aria-label="Attributes (JSON)" data-testid="sim-attributes" value={customer.attributes} onChange={(e) => setCustomer({ attributes: e.target.value })} />
      <span className="row">
        <label className="field-label">Time zone</label>
        <input aria-label="Time zone" data-testid="sim-timezone" value={customer.timeZone} onChange={(e) => setCustomer({ timeZone: e.target.value })} />
      </span>
      <span className="row">
        <span className="field-label">Refused</span>
        {CHANNELS.map((ch) => (
          <label key={ch}>
            <input
              type="checkbox"
              data-testid={`sim-suppressed-${ch}`}
              checked={customer.suppressed.includes(ch)}
              onChange={(e) => setCustomer({ suppressed: e.target.checked ? [...customer.suppressed, ch] : customer.suppressed.filter((c) => c !== ch) })}
            />
            {ch}
          </label>
        ))}
      </span>
      <span className="row">
        <label className="field-label">Start (UTC)</label>
        <input type="datetime-local" aria-label="Start (UTC)" data-testid="sim-start" value={state.start} onChange={(e) => onState({ ...state, start: e.target.value })} />
      </span>
      <h3>Events</h3>
      {timeline.map((e, i) => (
        <div className="sim-event" key={i}>
          <input data-testid={`sim-event-name-${i}`} aria-label={`event ${i + 1} name`} placeholder="event name" value={e.name} onChange={(x) => setEvent(i, { name: x.target.value })} />
          <span className="muted">after</span>
          <DurationInput value={e.after} path={`sim-event-after-${i}`} onChange={(v) => setEvent(i, { after: v as TimelineEvent['after'] })} />
          <input data-testid={`sim-event-props-${i}`} aria-label={`event ${i + 1} properties`} placeholder='properties {"total": 120}' value={e.properties} onChange={(x) => setEvent(i, { properties: x.target.value })} />
          <button className="link danger" aria-label={`remove event ${i + 1}`} onClick={() => onState({ ...state, timeline: timeline.filter((_, k) => k !== i) })}>
            ×
          </button>
        </div>
      ))}
      <button
        className="link"
        data-testid="sim-add-event"
        onClick={() => onState({ ...state, timeline: [...timeline, { name: '', after: { amount: 1, unit: 'days' }, properties: '{}' }] })}
      >
        + event
      </button>
      <div className="row">
        <button className="primary" data-testid="sim-run" onClick={run}>
          ▶ Run
        </button>
        {view && (
          <button data-testid="sim-clear" onClick={() => onView(undefined)}>
            Clear path
          </button>
        )}
      </div>
      {error && (
        <div className="error" data-testid="sim-error">
          {error}
        </div>
      )}
      {view && (
        <>
          <p data-testid="sim-status" data-status={view.result.status}>
            {view.result.status === 'not-entered' &&
              (awaited && !sent.has(awaited)
                ? `The customer did not enter: the journey starts on “${awaited}”, which no test event sends.`
                : 'The customer did not enter: no trigger matched.')}
            {view.result.status === 'waiting' && `Still waiting at ${nameOf(view.result.waitingAt ?? '')}.`}
            {view.result.status === 'exited' && `Left the journey (${view.result.exit?.reason}).`}
          </p>
          <ol className="sim-steps" data-testid="sim-steps">
            {view.result.steps.map((s, i) => (
              <li key={i} data-testid="sim-step" data-node={s.nodeId} data-kind={s.kind} className={s.status ?? ''} onClick={() => onPick(s.nodeId)}>
                <span className="t" title={new Date(s.at).toISOString()}>
                  {offsetText(s.at - view.start)}
                </span>{' '}
                <strong>{nameOf(s.nodeId)}</strong> {s.kind}
                {s.output ? ` → ${s.output}` : ''}
                {s.status ? ` [${s.status}]` : ''}
                <div className="muted">{s.reason}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
