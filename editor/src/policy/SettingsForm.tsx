/**
 * The workspace's delivery settings: fallback time zone, quiet hours (in each customer's own time
 * zone), frequency caps and consent topics. Saved whole; the server checks every field and a
 * refusal names the field, keeping what was typed.
 */
import { useEffect, useState } from 'react';
import { Channel, type PolicySettings } from '@cairn/core';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { Feedback } from '../pages/Feedback.js';
import { timeZones } from '../inspector/options.js';
import { useLeaveWarning } from '../state/leave-warning.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const CHANNELS = Channel.options;
const UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
type Cap = PolicySettings['caps'][number];
type TopicRow = PolicySettings['topics'][number];

export function SettingsForm() {
  const [s, setS] = useState<PolicySettings>();
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  // Edited since loaded or saved: leaving asks first.
  const [dirty, setDirty] = useState(false);
  useLeaveWarning(dirty, 'the delivery settings');
  useEffect(() => {
    serverApi().policy.settings.query().then((v) => setS(v as PolicySettings), (e: unknown) => setError(readable(e)));
  }, []);
  if (!s) return error ? <p className="error">{error}</p> : <p className="muted">Loading…</p>;
  const edit = (patch: Partial<PolicySettings>) => {
    setSaved('');
    setDirty(true);
    setS({ ...s, ...patch });
  };
  const q = s.quietHours;
  const setCap = (i: number, patch: Partial<Cap>) => edit({ caps: s.caps.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setTopic = (i: number, patch: Partial<TopicRow>) => edit({ topics: s.topics.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const save = async () => {
    setError('');
    try {
      setS((await serverApi().policy.saveSettings.mutate(s)) as PolicySettings);
      setDirty(false);
      setSaved('Saved: applies to the next send of every journey.');
    } catch (e) {
      setError(readable(e));
    }
  };
  return (
    <section className="stack-form wide" data-testid="policy-settings">
      <label>
        Workspace time zone (for customers with none)
        <input value={s.timeZone} list="policy-time-zones" onChange={(e) => edit({ timeZone: e.target.value })} data-testid="policy-timezone" />
        <datalist id="policy-time-zones">
          {timeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>

      <fieldset>
        <legend>
          <label className="row">
            <input type="checkbox" checked={!!q} onChange={(e) => edit({ quietHours: e.target.checked ? { start: '21:00', end: '08:00', days: [], exemptTransactional: false } : null })} data-testid="quiet-on" />
            Quiet hours, in each customer’s own time zone
          </label>
        </legend>
        {q && (
          <div className="row">
            from <input type="time" value={q.start} onChange={(e) => edit({ quietHours: { ...q, start: e.target.value } })} data-testid="quiet-start" />
            to <input type="time" value={q.end} onChange={(e) => edit({ quietHours: { ...q, end: e.target.value } })} data-testid="quiet-end" />
            on
            {DAYS.map((d, i) => (
              <label key={d} className="row">
                <input
                  type="checkbox"
                  checked={q.days.length === 0 || q.days.includes(i)}
                  onChange={(e) => {
                    const all = q.days.length === 0 ? [0, 1, 2, 3, 4, 5, 6] : q.days;
                    const days = e.target.checked ? [...all, i].sort() : all.filter((x) => x !== i);
                    edit({ quietHours: { ...q, days: days.length === 7 ? [] : days } });
                  }}
                />
                {d}
              </label>
            ))}
            <label className="row">
              <input type="checkbox" checked={q.exemptTransactional} onChange={(e) => edit({ quietHours: { ...q, exemptTransactional: e.target.checked } })} />
              transactional messages may be sent during quiet hours
            </label>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>Frequency caps (marketing messages; transactional ones are never capped)</legend>
        {s.caps.map((c, i) => (
          <div className="row" key={i} data-testid={`cap-${i}`}>
            at most <input className="num" type="number" min={0} value={c.limit} onChange={(e) => setCap(i, { limit: Number(e.target.value) })} data-testid={`cap-${i}-limit`} />
            <select value={c.channel ?? ''} onChange={(e) => setCap(i, { channel: (e.target.value || undefined) as Cap['channel'] })}>
              <option value="">messages on any channel</option>
              {CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {ch} messages
                </option>
              ))}
            </select>
            about <input placeholder="any topic" value={c.topic ?? ''} onChange={(e) => setCap(i, { topic: e.target.value || undefined })} />
            per <input className="num" type="number" min={1} value={c.window.amount} onChange={(e) => setCap(i, { window: { ...c.window, amount: Number(e.target.value) } })} />
            <select value={c.window.unit} onChange={(e) => setCap(i, { window: { ...c.window, unit: e.target.value as Cap['window']['unit'] } })}>
              {UNITS.map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
            <button className="link danger" onClick={() => edit({ caps: s.caps.filter((_, j) => j !== i) })}>
              remove
            </button>
          </div>
        ))}
        <button onClick={() => edit({ caps: [...s.caps, { limit: 3, window: { amount: 7, unit: 'days' } }] })} data-testid="cap-add">
          + cap
        </button>
      </fieldset>

      <fieldset>
        <legend>Topics (shown on the preference page)</legend>
        {s.topics.map((t, i) => (
          <div className="row" key={i} data-testid={`topic-${i}`}>
            <input placeholder="id, e.g. promotions" value={t.id} onChange={(e) => setTopic(i, { id: e.target.value })} />
            <input placeholder="label" value={t.label} onChange={(e) => setTopic(i, { label: e.target.value })} />
            <select value={t.consentMode} onChange={(e) => setTopic(i, { consentMode: e.target.value as TopicRow['consentMode'] })}>
              <option value="opt-out">sent until refused (opt-out)</option>
              <option value="opt-in">needs recorded consent (opt-in)</option>
            </select>
            <label className="row">
              <input type="checkbox" checked={t.transactional} onChange={(e) => setTopic(i, { transactional: e.target.checked })} /> transactional
            </label>
            <button className="link danger" onClick={() => edit({ topics: s.topics.filter((_, j) => j !== i) })}>
              remove
            </button>
          </div>
        ))}
        <button onClick={() => edit({ topics: [...s.topics, { id: '', label: '', description: '', consentMode: 'opt-out', transactional: false }] })}>+ topic</button>
        <label className="row">
          Topics not listed:
          <select value={s.unlistedTopicMode} onChange={(e) => edit({ unlistedTopicMode: e.target.value as PolicySettings['unlistedTopicMode'] })}>
            <option value="opt-out">sent until refused</option>
            <option value="opt-in">need recorded consent</option>
          </select>
        </label>
      </fieldset>

      <button className="primary" onClick={() => void save()} data-testid="policy-save">
        Save settings
      </button>
      <Feedback error={error} ok={saved} errorId="policy-error" okId="policy-saved" />
    </section>
  );
}
