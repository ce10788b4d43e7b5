/**
 * Sales teams and reps (`#/tasks/team`, admins): who has the sales role, their team, working
 * hours and time zone, capacity, availability and territory; add or change a team or a rep.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RouterOutputs } from '../api/client.js';
import { serverApi } from '../api/server.js';
import { readable } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import './sales.css';

type Reps = RouterOutputs['sales']['reps'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "country=VN,TH; plan=pro" to { country: ['VN', 'TH'], plan: ['pro'] }. */
export function parseTerritory(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of text.split(';')) {
    const [key, values] = part.split('=');
    if (key?.trim() && values !== undefined) out[key.trim()] = values.split(',').map((v) => v.trim()).filter(Boolean);
  }
  return out;
}
const territoryText = (t: unknown) =>
  Object.entries((t ?? {}) as Record<string, string[]>).map(([k, v]) => `${k}=${v.join(',')}`).join('; ');

export function TeamPage() {
  const [data, setData] = useState<Reps>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = useCallback(() => void serverApi().sales.reps.query().then(setData, (e: unknown) => setError(readable(e))), []);
  useEffect(load, [load]);
  const act = (what: Promise<unknown>, done: string) =>
    void what.then(() => {
      setError('');
      setNotice(done);
      load();
    }, (e: unknown) => setError(readable(e)));

  const saveTeam = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const lead = String(d.get('lead') ?? '').trim();
    const chat = String(d.get('chat') ?? '').trim();
    // Left empty, a team keeps its team chat; "remove" clears it.
    const webhook = d.get('chatOff') ? { chatWebhookUrl: '' } : chat ? { chatWebhookUrl: chat } : {};
    act(serverApi().sales.saveTeam.mutate({ name: String(d.get('name') ?? '').trim(), ...(lead ? { leadEmail: lead } : {}), ...webhook }), 'Team saved');
  };
  const saveRep = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const team = String(d.get('team') ?? '');
    act(
      serverApi().sales.saveRep.mutate({
        email: String(d.get('email') ?? '').trim(),
        ...(team ? { team } : {}),
        timeZone: String(d.get('timeZone') ?? 'UTC').trim(),
        workStart: String(d.get('workStart') ?? '09:00'),
        workEnd: String(d.get('workEnd') ?? '17:00'),
        workDays: DAYS.flatMap((_, i) => (d.get(`day${i + 1}`) ? [i + 1] : [])),
        capacity: Number(d.get('capacity') ?? 20),
        away: d.get('away') === 'on',
        territory: parseTerritory(String(d.get('territory') ?? '')),
      }),
      'Rep saved',
    );
  };
  const teamName = (id: string | null) => data?.teams.find((t) => t.id === id)?.name ?? '—';
  const leadOf = (id: string | null) => data?.reps.find((r) => r.userId === id)?.email ?? '';

  return (
    <div className="page tasks-page team-page" data-testid="sales-team">
      <PageHeader title="Sales teams and reps">
        <a className="button" href="#/tasks">
          Tasks
        </a>
      </PageHeader>
      <div className="tasks-body">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {notice && <p className="notice" role="status">{notice}</p>}
        {data && (
          <>
            <table className="journeys" data-testid="reps-table">
              <thead>
                <tr>
                  <th scope="col">Rep</th>
                  <th scope="col">Team</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Capacity</th>
                  <th scope="col">Available</th>
                  <th scope="col">Territory</th>
                </tr>
              </thead>
              <tbody>
                {data.reps.map((r) => (
                  <tr key={r.userId}>
                    <td>{r.email}</td>
                    <td>{teamName(r.teamId)}</td>
                    <td>
                      {r.workDays.map((d) => DAYS[d - 1]).join(' ')} {r.workStart}–{r.workEnd} ({r.timeZone})
                    </td>
                    <td>{r.capacity}</td>
                    <td>{r.away ? <span className="tag warn">away</span> : 'yes'}</td>
                    <td>{territoryText(r.territory) || <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">Teams: {data.teams.map((t) => `${t.name}${t.leadUserId ? ` (lead ${leadOf(t.leadUserId)})` : ''}${t.chatWebhookUrl ? ' (team chat)' : ''}`).join(', ') || 'none yet'}</p>
            <div className="team-forms">
              <form className="card" onSubmit={saveTeam} aria-label="Team">
                <h2>Add or change a team</h2>
                <label>
                  Name <input name="name" required maxLength={120} />
                </label>
                <label>
                  Lead (email of a user) <input name="lead" type="email" />
                </label>
                <label>
                  Team chat (incoming webhook URL: Slack, Mattermost, Google Chat; left empty, a team keeps the one it has){' '}
                  <input name="chat" type="url" placeholder="https://hooks.slack.com/services/…" />
                </label>
                <label className="check">
                  <input name="chatOff" type="checkbox" /> Remove the team chat
                </label>
                <button type="submit" className="primary">
                  Save team
                </button>
              </form>
              <form className="card" onSubmit={saveRep} aria-label="Rep">
                <h2>Give a user the sales role</h2>
                <label>
                  Email (an existing user) <input name="email" type="email" required />
                </label>
                <label>
                  Team
                  <select name="team" defaultValue="">
                    <option value="">no team</option>
                    {data.teams.map((t) => (
                      <option key={t.id} value={t.name}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Time zone <input name="timeZone" defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone} />
                </label>
                <div className="row">
                  <label>
                    From <input name="workStart" type="time" defaultValue="09:00" />
                  </label>
                  <label>
                    to <input name="workEnd" type="time" defaultValue="17:00" />
                  </label>
                  <label>
                    Capacity <input name="capacity" type="number" min={1} defaultValue={20} />
                  </label>
                </div>
                <div className="row">
                  {DAYS.map((d, i) => (
                    <label key={d}>
                      <input type="checkbox" name={`day${i + 1}`} defaultChecked={i < 5} /> {d}
                    </label>
                  ))}
                </div>
                <label>
                  Territory (attribute=values; …) <input name="territory" placeholder="country=VN,TH" />
                </label>
                <label className="inline">
                  <input type="checkbox" name="away" /> away (no new tasks)
                </label>
                <button type="submit" className="primary">
                  Save rep
                </button>
              </form>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
