import { describe, expect, it } from 'vitest';
import { route, type RepCandidate } from './routing.js';
import { dueWithinHours } from './working-hours.js';

const rep = (email: string, over: Partial<RepCandidate> = {}): RepCandidate => ({
  userId: email.split('@')[0] ?? email, email, name: email, teamId: 't1', away: false, capacity: 5, openTasks: 0, lastAssignedAt: null, territory: {}, ...over,
});
const team = { id: 't1', name: 'sales', leadUserId: 'lead' };

describe('route', () => {
  it('round-robin takes whoever was assigned longest ago, never-assigned first', () => {
    const reps = [rep('a@x.io', { lastAssignedAt: 20 }), rep('b@x.io', { lastAssignedAt: 10 }), rep('c@x.io', { lastAssignedAt: 30 })];
    const d = route({ strategy: 'roundRobin', reps, team, customer: {} });
    expect(d.rep?.email).toBe('b@x.io');
    expect(d.reason).toBe("assigned to b@x.io, next in team sales's rotation");
    expect(route({ strategy: 'roundRobin', reps: [...reps, rep('d@x.io')], team, customer: {} }).rep?.email).toBe('d@x.io');
  });

  it('least-loaded takes the fewest open tasks', () => {
    const reps = [rep('a@x.io', { openTasks: 3 }), rep('b@x.io', { openTasks: 1 })];
    expect(route({ strategy: 'leastLoaded', reps, team, customer: {} }).reason).toBe('assigned to b@x.io, the least loaded in team sales (1 open)');
  });

  it('territory rules match the customer attributes', () => {
    const reps = [rep('vn@x.io', { territory: { country: ['VN'] } }), rep('th@x.io', { territory: { country: ['TH'] } })];
    const d = route({ strategy: 'territory', reps, team, customer: { country: 'TH' } });
    expect(d.reason).toBe('assigned to th@x.io, who covers country=TH');
  });

  it('keeps the existing owner when they can take it', () => {
    const reps = [rep('a@x.io'), rep('owner@x.io', { lastAssignedAt: 99 })];
    expect(route({ strategy: 'keepOwner', reps, team, customer: { owner: 'Owner@x.io' } }).rep?.email).toBe('owner@x.io');
  });

  it('never assigns to someone away or at capacity: falls back to the team and says why', () => {
    const reps = [rep('owner@x.io', { away: true }), rep('full@x.io', { openTasks: 5 }), rep('free@x.io')];
    const d = route({ strategy: 'keepOwner', reps, team, customer: { owner: 'owner@x.io' } });
    expect(d.rep?.email).toBe('free@x.io');
    expect(d.reason).toBe("fell back to team sales: free@x.io is next in its rotation (passed over: owner@x.io is away; full@x.io is at capacity (5 of 5 open))");
  });

  it('then the named person, then the team lead, else nobody', () => {
    const busy = [rep('a@x.io', { away: true })];
    const named = rep('boss@x.io', { teamId: null });
    const lead = rep('lead@x.io', { teamId: null, userId: 'lead' });
    expect(route({ strategy: 'roundRobin', reps: [...busy, named, lead], team, customer: {}, named: 'boss@x.io' }).reason)
      .toBe('nobody free in team sales: assigned to the named fallback boss@x.io (passed over: a@x.io is away)');
    expect(route({ strategy: 'roundRobin', reps: [...busy, lead], team, customer: {} }).rep?.email).toBe('lead@x.io');
    const none = route({ strategy: 'roundRobin', reps: [...busy, { ...lead, away: true }], team, customer: {} });
    expect(none.rep).toBeUndefined();
    expect(none.reason).toBe('nobody is available: the task waits, unassigned, for team sales (passed over: a@x.io is away; lead@x.io is away)');
  });

  it('a named rep wins when free; a name that is no rep falls back to the team', () => {
    const reps = [rep('a@x.io'), rep('b@x.io', { teamId: null })];
    expect(route({ strategy: 'named', reps, team, customer: {}, named: 'b@x.io' }).rep?.email).toBe('b@x.io');
    expect(route({ strategy: 'named', reps, team, customer: {}, named: 'ghost@x.io' }).reason).toBe('fell back to team sales: a@x.io is next in its rotation (passed over: ghost@x.io is not a sales rep)');
  });
});

describe('dueWithinHours', () => {
  const hours = { timeZone: 'Asia/Ho_Chi_Minh', workStart: '09:00', workEnd: '17:00', workDays: [1, 2, 3, 4, 5] };
  it('keeps a due time inside the hours and moves one outside to the next opening', () => {
    const monday10 = Date.UTC(2026, 10, 30, 3, 0); // 10:00 in Ho Chi Minh City (UTC+7), a Monday
    expect(dueWithinHours(monday10, 3_600_000, hours)).toBe(monday10 + 3_600_000);
    // Friday 16:30 + 1 hour is after hours: Monday 09:00.
    const friday1630 = Date.UTC(2026, 11, 4, 9, 30);
    expect(new Date(dueWithinHours(friday1630, 3_600_000, hours)).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(dueWithinHours(friday1630, 5, undefined)).toBe(friday1630 + 5);
  });
});
