/**
 * Property-based, on real PostgreSQL through the real send path: random suppression, consent,
 * settings and send sequences (with retries of the same idempotency key) at random times.
 *  - no message reaches a provider while a suppression recorded before its claim applies
 *    (hard: any message; soft: non-transactional);
 *  - every send the policy allows is delivered exactly once; a retried key is never sent again;
 *  - every outcome matches the policy's decision over the facts as the test recorded them.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePolicy, outcomeOf, PolicySettings, type ConsentRecord, type RecentSend, type Suppression } from '@cairn/core';
import { startTestDb, type TestDb } from '../engine/support/db.js';
import { customer, messageNode, sendWorld } from './support/send.js';

const CHANNELS = ['email', 'sms'] as const;
const TOPICS = ['promotions', 'news'] as const;
const REASONS = ['unsubscribed', 'refused_contact', 'hard_bounce', 'spam_complaint', 'manual'] as const;

const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('send' as const), key: fc.nat(5), channel: fc.constantFrom(...CHANNELS), topic: fc.constantFrom(...TOPICS), transactional: fc.boolean(), onCap: fc.constantFrom('skip' as const, 'defer' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('suppress' as const), channel: fc.constantFrom('all' as const, ...CHANNELS), reason: fc.constantFrom(...REASONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), which: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('consent' as const), topic: fc.constantFrom(...TOPICS), channel: fc.constantFrom('all' as const, ...CHANNELS), status: fc.constantFrom('granted' as const, 'refused' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 12 * 60 }) }) },
);
const settings = fc.record({
  timeZone: fc.constantFrom('UTC', 'Europe/Paris'),
  quietHours: fc.option(fc.record({ start: fc.constantFrom('21:00', '22:30', '12:00'), end: fc.constantFrom('08:00', '06:00', '14:00') })),
  caps: fc.array(fc.record({ channel: fc.constantFrom(undefined, ...CHANNELS), topic: fc.constantFrom(undefined, ...TOPICS), limit: fc.integer({ min: 1, max: 3 }), window: fc.record({ amount: fc.integer({ min: 1, max: 12 }), unit: fc.constant('hours' as const) }) }), { maxLength: 2 }),
  topics: fc.tuple(fc.constantFrom('opt-in' as const, 'opt-out' as const), fc.constantFrom('opt-in' as const, 'opt-out' as const)).map(([a, b]) => [
    { id: 'promotions', label: 'Promotions', consentMode: a },
    { id: 'news', label: 'News', consentMode: b },
  ]),
});

let pg: TestDb;
beforeAll(async () => {
  pg = await startTestDb();
}, 120_000);
afterAll(async () => pg?.stop());

const hard = (s: Suppression) => s.hard ?? (s.reason !== 'unsubscribed' || s.channel === 'all');

describe('send path: policy properties on PostgreSQL', () => {
  it('no delivery under a suppression recorded before the claim; allowed sends delivered exactly once', async () => {
    let run = 0;
    let sentTotal = 0;
    let refusedTotal = 0;
    await fc.assert(
      fc.asyncProperty(settings, fc.array(op, { minLength: 1, maxLength: 30 }), fc.constantFrom('America/New_York', 'Asia/Ho_Chi_Minh', null), async (s, ops, tz) => {
        run++;
        const w = sendWorld(pg.db, Date.parse('2026-03-07T18:00:00Z') + run * 3_600_000);
        const parsed = PolicySettings.parse({ ...s, caps: s.caps.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))) });
        await w.settings(parsed);
        const id = await customer(pg.db, `prop-${run}`, tz ? { timeZone: tz } : {});
        const active: Array<Suppression & { id: string }> = [];
        const consents: ConsentRecord[] = [];
        const sent: RecentSend[] = [];
        const keys = new Map<number, { node: ReturnType<typeof messageNode>; final?: string }>();
        for (const o of ops) {
          if (o.kind === 'tick') w.clock.t += o.minutes * 60_000;
          else if (o.kind === 'suppress') {
            // One active row per channel and reason (a unique index): recording it again is a no-op.
            if (active.some((a) => a.channel === o.channel && a.reason === o.reason)) continue;
            const row = await pg.db.suppression.create({ data: { customerId: id, channel: o.channel, reason: o.reason, source: 'prop' } });
            active.push({ id: row.id, channel: o.channel, reason: o.reason });
          } else if (o.kind === 'remove') {
            const victim = active.splice(o.which % Math.max(1, active.length), 1)[0];
            if (victim) await pg.db.suppression.update({ where: { id: victim.id }, data: { removedAt: new Date(w.clock.t), removedReason: 'prop test' } });
          } else if (o.kind === 'consent') {
            await pg.db.consent.create({ data: { customerId: id, topic: o.topic, channel: o.channel, status: o.status, source: 'prop', createdAt: new Date(w.clock.t) } });
            consents.push({ topic: o.topic, channel: o.channel, status: o.status, at: w.clock.t });
          } else {
            const k = keys.get(o.key) ?? { node: messageNode(o.channel === 'email' ? 'action.email' : 'action.sms', { id: `n${o.key}`, topic: o.topic, transactional: o.transactional, onCap: o.onCap }) };
            keys.set(o.key, k);
            const node = k.node;
            const channel = node.type === 'action.email' ? 'email' : 'sms';
            const before = w.delivered.length;
            const expected = outcomeOf(
              decidePolicy({
                channel, topic: node.topic, transactional: node.transactional, now: w.clock.t,
                timeZones: { customer: tz, workspace: parsed.timeZone }, suppressions: active, consents,
                consentMode: parsed.topics.find((t) => t.id === node.topic)!.consentMode, caps: parsed.caps, recentSends: sent,
                quietHours: parsed.quietHours, capBehaviour: node.onCap ?? 'skip',
              }),
            );
            const r = await w.send(`${id}:${o.key}`, id, node);
            if (k.final) {
              expect(r).toMatchObject({ replayed: true, status: k.final });
              expect(w.delivered.length).toBe(before);
              continue;
            }
            const status = expected.status === 'allowed' ? 'sent' : expected.status;
            expect(r.status).toBe(status);
            const applicable = active.filter((x) => x.channel === 'all' || x.channel === channel);
            if (applicable.some(hard) || (applicable.length > 0 && !node.transactional)) expect(r.status).not.toBe('sent');
            expect(w.delivered.length - before).toBe(r.status === 'sent' ? 1 : 0);
            if (r.status === 'sent') {
              sent.push({ at: w.clock.t, channel, topic: node.topic, transactional: node.transactional });
              sentTotal++;
            } else refusedTotal++;
            if (r.status !== 'deferred') k.final = r.status;
          }
        }
        // One row per key, and each key reached a provider at most once.
        const rows = await pg.db.message.findMany({ where: { customerId: id } });
        expect(rows).toHaveLength(keys.size);
        const perKey = new Map<string, number>();
        for (const m of w.delivered) perKey.set(m.idempotencyKey, (perKey.get(m.idempotencyKey) ?? 0) + 1);
        for (const n of perKey.values()) expect(n).toBe(1);
      }),
      { numRuns: 40 },
    );
    expect(sentTotal).toBeGreaterThan(10);
    expect(refusedTotal).toBeGreaterThan(10);
  }, 300_000);
});
