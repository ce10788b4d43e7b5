/**
 * One sales task (`#/tasks/<id>`): the customer's attributes, timeline, journeys and past
 * messages; the ice-breaker to send by email, SMS or chat (through the delivery policy: a customer who
 * refused contact shows "Do not contact" and the API refuses the send); log a call; record the
 * outcome, which a waiting journey follows ("call back" reschedules the task and the journey waits
 * on; after the journey timed out the page says it had moved on).
 */
import { ChatApp } from '@cairn/core';
import { useCallback, useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import './sales.css';

type Task = RouterOutputs['sales']['task'];
type Outcome = 'won' | 'lost' | 'no_answer' | 'call_back';
const OUTCOMES: Array<[Outcome, string]> = [
  ['won', 'Won'],
  ['lost', 'Lost'],
  ['no_answer', 'No answer'],
  ['call_back', 'Call back…'],
];

const when = (iso: string | Date) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function TaskPage({ id }: { id: string }) {
  const [data, setData] = useState<Task>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [callBackAt, setCallBackAt] = useState('');
  const [app, setApp] = useState<ChatApp>('zalo');
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    serverApi()
      .sales.task.query({ id })
      .then((t) => {
        setData(t);
        setBody((b) => b || t.task.iceBreaker);
        setSubject((x) => x || t.task.iceBreakerSubject);
      }, (e: unknown) => setError(readable(e)));
  }, [id]);
  useEffect(load, [load]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    try {
      const r = await what();
      const movedOn = typeof r === 'object' && r !== null && 'journey' in r && r.journey === 'movedOn';
      setNotice(movedOn ? `${done}. The journey had already moved on (timeout branch): the outcome is kept on the task only.` : done);
      load();
    } catch (e) {
      setError(readable(e));
    }
  };
  if (!data) return <div className="loading">{error || 'Loading…'}</div>;
  const { task, customer, doNotContact: dnc } = data;
  const attrs = (customer?.attributes ?? {}) as Record<string, unknown>;
  const closed = task.status === 'done';
  const api = serverApi().sales;

  return (
    <div className="page task-page" data-testid="task-page">
      <PageHeader title={task.title}>
        <a className="button" href="#/tasks">
          All tasks
        </a>
      </PageHeader>
      <div className="task-body">
        <section className="task-facts">
          <p>
            <span className={`tag prio-${task.priority}`}>{task.priority}</span> due {when(task.dueAt)} · {data.journey?.name ?? task.journeyId} · assigned to{' '}
            {data.rep?.email ?? 'nobody yet'} · <span data-testid="task-status">{closed ? `outcome: ${task.outcome ?? ''}` : task.status}</span>
          </p>
          <p className="muted" data-testid="route-reason">
            {task.routeReason}
          </p>
          {task.notes && <p>{task.notes}</p>}
        </section>

        {task.waits && data.journeyMovedOn && (
          <p className="notice" role="status" data-testid="journey-moved-on">
            {closed
              ? `This outcome was recorded after the journey had already moved on: it took the timeout branch${task.timeoutAt ? ` at ${when(task.timeoutAt)}` : ''}. The outcome is kept on the task and counts in the figures; the journey was not changed.`
              : `The journey has already moved on: it took the timeout branch${task.timeoutAt ? ` at ${when(task.timeoutAt)}` : ''}. An outcome recorded now stays on the task (and counts in the figures) but does not change the journey.`}
          </p>
        )}
        {!closed && task.callBackAt && (
          <p className="muted" data-testid="call-back">
            Call back at {when(task.callBackAt)}
            {task.waits && !data.journeyMovedOn && task.timeoutAt ? `; the journey waits for the outcome until ${when(task.timeoutAt)}` : ''}.
          </p>
        )}

        {(dnc.all || dnc.channels.length > 0) && (
          <p className="do-not-contact" role="alert" data-testid="do-not-contact">
            {dnc.all ? 'Do not contact' : `Do not contact by ${dnc.channels.join(' or ')}`}: {dnc.reasons.join('; ')}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="task-error">
            {error}
          </p>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="task-notice">
            {notice}
          </p>
        )}

        <div className="task-columns">
          <div>
            <section className="card">
              <h2>Ice-breaker</h2>
              <label>
                Subject (email)
                <input value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="icebreaker-subject" />
              </label>
              <label>
                Message
                <textarea rows={5} value={body} onChange={(e) => setBody(e.target.value)} data-testid="icebreaker-body" />
              </label>
              <div className="row">
                <button className="primary" disabled={closed || dnc.all || dnc.channels.includes('email')} data-testid="send-email"
                  onClick={() => void act(() => api.send.mutate({ id, channel: 'email', subject, body }), `Sent by email to ${customer?.email ?? 'the customer'}`)}>
                  Send by email
                </button>
                <button disabled={closed || dnc.all || dnc.channels.includes('sms')} data-testid="send-sms"
                  onClick={() => void act(() => api.send.mutate({ id, channel: 'sms', body }), `Sent by SMS to ${customer?.phone ?? 'the customer'}`)}>
                  Send by SMS
                </button>
                <select aria-label="Chat app" value={app} onChange={(e) => setApp(ChatApp.parse(e.target.value))} data-testid="chat-app">
                  {ChatApp.options.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
                <button disabled={closed || dnc.all || dnc.channels.includes('chat')} data-testid="send-chat"
                  onClick={() => void act(() => api.send.mutate({ id, channel: 'chat', app, body }), `Sent by ${app} to ${customer?.chatId ?? 'the customer'}`)}>
                  Send by chat
                </button>
              </div>
            </section>

            <section className="card">
              <h2>Call and outcome</h2>
              <label>
                Note
                <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="call-note" />
              </label>
              <div className="row">
                <button disabled={closed || dnc.all} data-testid="log-call" onClick={() => void act(() => api.logCall.mutate({ id, note }), 'Call logged')}>
                  Log a call
                </button>
              </div>
              <div className="row outcomes">
                {OUTCOMES.map(([o, label]) => (
                  <button key={o} disabled={closed || (o === 'call_back' && !callBackAt)} data-testid={`outcome-${o}`}
                    onClick={() => void act(() => api.recordOutcome.mutate({ id, outcome: o, note, ...(o === 'call_back' ? { callBackAt: new Date(callBackAt).toISOString() } : {}) }), `Recorded: ${label.replace('…', '')}`)}>
                    {label}
                  </button>
                ))}
                <label>
                  at <input type="datetime-local" value={callBackAt} onChange={(e) => setCallBackAt(e.target.value)} data-testid="call-back-at" />
                </label>
              </div>
            </section>

            <section className="card">
              <h2>Task log</h2>
              <ol className="task-log" data-testid="task-log">
                {data.logs.map((l) => (
                  <li key={l.id}>
                    <span className="muted">{when(l.at)}</span> <strong>{l.kind}</strong> {l.note}
                  </li>
                ))}
              </ol>
            </section>
          </div>

          <div>
            <section className="card">
              <h2>
                <a href={`#/c/${encodeURIComponent(task.customerId)}`}>{[attrs.firstName, attrs.lastName].filter(Boolean).join(' ') || task.customerId}</a>
              </h2>
              <table className="attributes" data-testid="task-attributes">
                <tbody>
                  <tr>
                    <th scope="row">email</th>
                    <td>{customer?.email ?? ''}</td>
                  </tr>
                  <tr>
                    <th scope="row">phone</th>
                    <td>{customer?.phone ?? ''}</td>
                  </tr>
                  {Object.entries(attrs).filter(([k]) => k !== 'email' && k !== 'phone').map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="card">
              <h2>Journeys</h2>
              <ul>
                {data.journeys.map((j) => (
                  <li key={j.id}>
                    {j.name}: {j.status} <span className="muted">{when(j.enteredAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card">
              <h2>Past messages</h2>
              <ul data-testid="task-messages">
                {data.messages.map((m) => (
                  <li key={m.id}>
                    <span className="muted">{when(m.createdAt)}</span> {m.channel} · {m.status}
                    {m.subject ? ` · ${m.subject}` : ''} {m.reason ? <span className="muted">({m.reason})</span> : null}
                  </li>
                ))}
              </ul>
            </section>
            <section className="card">
              <h2>Timeline</h2>
              <ul>
                {data.events.map((e) => (
                  <li key={e.id}>
                    <span className="muted">{when(e.timestamp)}</span> {e.name}
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </div>
      </div>
    </div>
  );
}
