import { describe, expect, it } from 'vitest';
import { calendarDateOf, dateWaitDeadline, describeDateWait, DateWaitNode } from './date.js';

const node = (patch: Partial<DateWaitNode> = {}) => DateWaitNode.parse({ id: 'd', type: 'wait.date', attribute: 'renewalDate', ...patch });
const HCM = 'Asia/Ho_Chi_Minh'; // UTC+7, no daylight saving
const NY = 'America/New_York';
const now = Date.parse('2026-11-28T12:00:00Z');

describe('wait until a date attribute', () => {
  it('ends 3 days before the date at 09:00 in the customer zone', () => {
    const d = dateWaitDeadline(node({ offsetDays: -3 }), now, HCM, { renewalDate: '2026-12-10' });
    // 2026-12-07 09:00 in Ho Chi Minh City is 02:00 UTC.
    expect(new Date(d.at).toISOString()).toBe('2026-12-07T02:00:00.000Z');
  });

  it('reads ISO timestamps and epoch ms as the calendar date in the customer zone', () => {
    // 2026-12-09T20:00Z is already 10 December in Ho Chi Minh City.
    expect(calendarDateOf('2026-12-09T20:00:00Z', HCM)).toEqual({ year: 2026, month: 12, day: 10 });
    expect(calendarDateOf(Date.parse('2026-12-09T20:00:00Z'), NY)).toEqual({ year: 2026, month: 12, day: 9 });
    expect(calendarDateOf('2026-02-30', HCM)).toBeUndefined();
    expect(calendarDateOf('1', HCM)).toBeUndefined();
    expect(calendarDateOf('next tuesday', HCM)).toBeUndefined();
  });

  it('goes on at once, saying why, when the date is missing, not a date, or past', () => {
    expect(dateWaitDeadline(node(), now, HCM, {})).toEqual({ at: now, why: 'no renewalDate' });
    expect(dateWaitDeadline(node(), now, HCM, { renewalDate: 'soon' })).toEqual({ at: now, why: 'renewalDate is not a date' });
    expect(dateWaitDeadline(node(), now, HCM, { renewalDate: '2026-01-01' })).toEqual({ at: now, why: 'renewalDate has passed' });
  });

  it('awaits the next birthday every year, this year or the next', () => {
    const birthday = node({ attribute: 'profile.birthday', everyYear: true, at: '09:00' });
    const later = dateWaitDeadline(birthday, now, HCM, { profile: { birthday: '1990-12-24' } });
    expect(new Date(later.at).toISOString()).toBe('2026-12-24T02:00:00.000Z');
    const passed = dateWaitDeadline(birthday, now, HCM, { profile: { birthday: '1990-03-02' } });
    expect(new Date(passed.at).toISOString()).toBe('2027-03-02T02:00:00.000Z');
    // Born on 29 February: the 28th in a year without one.
    const leap = dateWaitDeadline(birthday, now, HCM, { profile: { birthday: '2000-02-29' } });
    expect(new Date(leap.at).toISOString()).toBe('2027-02-28T02:00:00.000Z');
  });

  it('keeps local time across a daylight-saving change', () => {
    // New York leaves daylight saving on 2026-11-01: 09:00 is 13:00 UTC before, 14:00 UTC after.
    const from = Date.parse('2026-10-20T12:00:00Z');
    expect(new Date(dateWaitDeadline(node(), from, NY, { renewalDate: '2026-10-25' }).at).toISOString()).toBe('2026-10-25T13:00:00.000Z');
    expect(new Date(dateWaitDeadline(node(), from, NY, { renewalDate: '2026-11-05' }).at).toISOString()).toBe('2026-11-05T14:00:00.000Z');
  });

  it('describes itself in words', () => {
    expect(describeDateWait(node({ offsetDays: -3 }))).toBe('3 days before renewalDate at 09:00');
    expect(describeDateWait(node({ offsetDays: 1 }))).toBe('1 day after renewalDate at 09:00');
    expect(describeDateWait(node({ attribute: 'birthday', everyYear: true }))).toBe('on birthday at 09:00, every year');
  });
});

describe('wait until a date, compiled and simulated (the machine the workflow runs)', async () => {
  const { simulate } = await import('../../simulate/simulate.js');
  const { ev, journey, T0 } = await import('../../testing/fixtures.js');
  const renewal = journey(
    [
      { id: 't', type: 'trigger.event', event: 'Subscribed' },
      { id: 'w', type: 'wait.date', attribute: 'renewalDate', offsetDays: -3, at: '09:00' },
      { id: 'm', type: 'action.email', subject: 'Your plan renews on {{ customer.renewalDate }}', body: 'Renew now' },
      { id: 'x', type: 'exit' },
    ],
    ['t->w', 'w->m', 'm->x'],
    { settings: { timeZone: 'UTC' } },
  );
  const renewsOn = new Date(T0 + 10 * 86_400_000).toISOString().slice(0, 10);

  it('sends 3 days before the date the profile holds, at 09:00', () => {
    const r = simulate(renewal, { id: 'c1', attributes: { renewalDate: renewsOn } }, [ev('Subscribed', T0)], { start: T0 });
    const sent = r.steps.find((s) => s.nodeId === 'm' && s.kind === 'left');
    expect(new Date(sent!.at).toISOString()).toBe(`${new Date(T0 + 7 * 86_400_000).toISOString().slice(0, 10)}T09:00:00.000Z`);
  });

  it('sends at once for a customer without the date', () => {
    const r = simulate(renewal, { id: 'c2', attributes: {} }, [ev('Subscribed', T0)], { start: T0 });
    expect(r.steps.find((s) => s.nodeId === 'm' && s.kind === 'left')?.at).toBe(T0);
  });
});
