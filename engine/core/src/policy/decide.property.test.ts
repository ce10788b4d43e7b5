/**
 * Properties of decidePolicy over random inputs (fast-check):
 *  - a hard suppression on the channel (or all) always wins, transactional or not;
 *  - any suppression on the channel stops every non-transactional message;
 *  - over random send sequences where every send obeys the decision, no cap is ever exceeded;
 *  - every deferral lands outside quiet hours on the customer's clock (checked with an
 *    independent reading of the clock), is allowed when re-decided then, and is the first
 *    such instant (one millisecond earlier is still refused).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationMs } from '../journey/primitives.js';
import { decidePolicy } from './decide.js';
import { policyInput } from './testing.js';
import { QuietHours, type FrequencyCap, type PolicyInput, type RecentSend, type Suppression } from './types.js';

const ZONES = ['UTC', 'Europe/Paris', 'Europe/London', 'America/New_York', 'America/Santiago', 'Asia/Ho_Chi_Minh', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca'];
const CHANNELS = ['email', 'sms', 'push', 'chat'] as const;
const TOPICS = ['promotions', 'news', 'receipts'];
const REASONS = ['unsubscribed', 'refused_contact', 'hard_bounce', 'spam_complaint', 'manual', 'imported'] as const;
const YEAR_2026 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;


const time = fc.integer({ min: 0, max: 365 * 24 * 60 }).map((m) => YEAR_2026 + m * 60_000 + 17); // off-minute instants too
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const quietHours = fc
  .record({ start: hhmm, end: hhmm, days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }), exemptTransactional: fc.boolean() })
  .filter((q) => QuietHours.safeParse(q).success)
  .map((q) => QuietHours.parse(q));
const suppression: fc.Arbitrary<Suppression> = fc.record(
  { channel: fc.constantFrom('all' as const, ...CHANNELS), reason: fc.constantFrom(...REASONS), hard: fc.boolean() },
  { requiredKeys: ['channel', 'reason'] },
);
const cap: fc.Arbitrary<FrequencyCap> = fc.record(
  {
    channel: fc.constantFrom(...CHANNELS),
    topic: fc.constantFrom(...TOPICS),
    limit: fc.integer({ min: 1, max: 4 }),
    window: fc.record({ amount: fc.integer({ min: 1, max: 48 }), unit: fc.constantFrom('minutes' as const, 'hours' as const, 'days' as const) }),
  },
  { requiredKeys: ['limit', 'window'] },
);
const input = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  topic: fc.constantFrom(...TOPICS),
  transactional: fc.boolean(),
  now: time,
  timeZones: fc.record({ customer: fc.option(fc.constantFrom(...ZONES, 'Not/AZone')), journey: fc.option(fc.constantFrom(...ZONES)) }),
  suppressions: fc.array(suppression, { maxLength: 3 }),
  consents: fc.array(fc.record({ topic: fc.constantFrom(...TOPICS), channel: fc.constantFrom('all' as const, ...CHANNELS), status: fc.constantFrom('granted' as const, 'refused' as const), at: fc.integer({ min: 0, max: 100 }) }), { maxLength: 4 }),
  consentMode: fc.constantFrom('opt-in' as const, 'opt-out' as const),
  caps: fc.array(cap, { maxLength: 3 }),
  // Sends already made: at most a few days before now (see the .map below).
  recentSends: fc.array(fc.record({ at: fc.integer({ min: 0, max: 3 * DAY }), channel: fc.constantFrom(...CHANNELS), topic: fc.constantFrom(...TOPICS), transactional: fc.boolean() }), { maxLength: 8 }),
  quietHours: fc.option(quietHours),
  capBehaviour: fc.constantFrom('skip' as const, 'defer' as const),
}).map((r) => policyInput({ ...r, recentSends: r.recentSends.map((s) => ({ ...s, at: r.now - s.at })) } as Partial<PolicyInput>));

/** An independent reading of the customer's clock (Intl with its own options, not zoned.ts). */
function clock(at: number, tz: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}
function quietOracle(at: number, tz: string, q: QuietHours): boolean {
  const { weekday, minute } = clock(at, tz);
  const [sh, sm] = q.start.split(':').map(Number) as [number, number];
  const [eh, em] = q.end.split(':').map(Number) as [number, number];
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  const on = (d: number) => q.days.length === 0 || q.days.includes(d);
  if (start < end) return on(weekday) && minute >= start && minute < end;
  return (on(weekday) && minute >= start) || (on((weekday + 6) % 7) && minute < end);
}
const hardOracle = (s: Suppression) => s.hard ?? (s.reason !== 'unsubscribed' || s.channel === 'all');

describe('decidePolicy properties', () => {
  it('never allows a message under a hard suppression; never a marketing message under any suppression', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const d = decidePolicy(inp);
        const applicable = inp.suppressions.filter((s) => s.channel === 'all' || s.channel === inp.channel);
        if (applicable.some(hardOracle)) expect(d).toMatchObject({ kind: 'suppressed', hard: true });
        if (applicable.length > 0 && !inp.transactional) expect(d.kind).toBe('suppressed');
        if (applicable.length === 0) expect(d.kind).not.toBe('suppressed');
      }),
      { numRuns: 500 },
    );
  });

  it('deferrals land outside quiet hours in the customer zone, are allowed then, and are the first such instant', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const d = decidePolicy(inp);
        if (d.kind === 'allow' && inp.quietHours && !(inp.transactional && inp.quietHours.exemptTransactional)) {
          expect(quietOracle(inp.now, d.timeZone, inp.quietHours)).toBe(false);
        }
        const until = d.kind === 'quiet-hours' || (d.kind === 'capped' && d.action === 'defer') ? d.until : undefined;
        if (until === undefined) return;
        expect(until).toBeGreaterThan(inp.now);
        const tz = (decidePolicy({ ...inp, quietHours: null, caps: [], suppressions: [], consents: [], consentMode: 'opt-out' }) as { timeZone: string }).timeZone;
        if (inp.quietHours && !(inp.transactional && inp.quietHours.exemptTransactional)) expect(quietOracle(until, tz, inp.quietHours)).toBe(false);
        expect(decidePolicy({ ...inp, now: until }).kind).toBe('allow');
        expect(decidePolicy({ ...inp, now: until - 1 }).kind).not.toBe('allow');
      }),
      { numRuns: 400 },
    );
  });

  it('over random send sequences, sends that follow the decisions never exceed a cap', () => {
    const attempt = fc.record({ offset: fc.integer({ min: 0, max: 6 * 3_600_000 }), channel: fc.constantFrom(...CHANNELS), topic: fc.constantFrom(...TOPICS), transactional: fc.boolean(), capBehaviour: fc.constantFrom('skip' as const, 'defer' as const) });
    fc.assert(
      fc.property(fc.array(cap, { minLength: 1, maxLength: 3 }), fc.array(attempt, { minLength: 1, maxLength: 30 }), fc.option(quietHours), fc.constantFrom(...ZONES), time, (caps, attempts, quiet, tz, start) => {
        // Pending attempts in time order; a deferral re-queues the same attempt at `until`.
        let t = start;
        const queue = attempts.map((a) => ({ ...a, at: (t += a.offset) }));
        const sent: RecentSend[] = [];
        for (let guard = 0; queue.length > 0 && guard < 500; guard++) {
          queue.sort((a, b) => a.at - b.at);
          const a = queue.shift()!;
          const d = decidePolicy(policyInput({ ...a, now: a.at, caps, recentSends: sent, quietHours: quiet, timeZones: { customer: tz } }));
          if (d.kind === 'allow') sent.push({ at: a.at, channel: a.channel, topic: a.topic, transactional: a.transactional });
          else if ((d.kind === 'capped' && d.action === 'defer') || d.kind === 'quiet-hours') queue.push({ ...a, at: d.until! });
        }
        for (const c of caps) {
          const window = durationMs(c.window);
          const counted = sent.filter((s) => !s.transactional && (c.channel === undefined || c.channel === s.channel) && (c.topic === undefined || c.topic === s.topic));
          for (const s of counted) expect(counted.filter((o) => o.at > s.at - window && o.at <= s.at).length).toBeLessThanOrEqual(c.limit);
        }
        if (quiet) {
          for (const s of sent) if (!(s.transactional && quiet.exemptTransactional)) expect(quietOracle(s.at, tz, quiet)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

it('sanity: the generators produce every decision kind', () => {
  const kinds = new Set(fc.sample(input, 2000).map((i) => decidePolicy(i).kind));
  expect([...kinds].sort()).toEqual(['allow', 'capped', 'no-consent', 'quiet-hours', 'suppressed']);
});
