/**
 * A journey's results on the real stack (embedded PostgreSQL, Temporal dev server, worker, ingest
 * over HTTP): a random split A 40% / B 40% / holdout 20% with a goal, customers converting in each
 * arm (A through the goal node mid-wait, B after the journey ended, the holdout after leaving at
 * the split), and every figure checked exactly, the experiment's interval and sentence included.
 *
 * Expected intervals and sample sizes were computed independently with Python 3.11's
 * statistics.NormalDist (Wilson and Newcombe hybrid score formulas, Fleiss sample size):
 *   A 3/5 vs holdout 2/4: diff +0.1, CI -0.408761 to 0.549678; 388 per arm for 60% vs 50%
 *   B 2/5 vs holdout 2/4: diff -0.1, CI -0.549678 to 0.408761
 *   Wilson: 3/5 0.230724 to 0.882379; 2/4 0.150039 to 0.849961
 */
import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { stableBucket } from '@cairn/core';
import { difference } from '../../api/src/results/stats.js';
import { customersFor, splitJourney } from './support/split.js';
import { eventually, useStack, type Stack } from './support/stack.js';

let s: Stack;
useStack((stack) => (s = stack));

const DAY = 86_400_000;
const J = 'results-ab';

const journey = splitJourney(J);

const track = async (userId: string, event: string, messageId: string, timestamp?: number) => {
  const res = await s.post('/v1/track', { userId, event, messageId, ...(timestamp !== undefined ? { timestamp: new Date(timestamp).toISOString() } : {}) });
  expect(res.status).toBe(200);
};
const enrolment = (customerId: string) => s.db.enrolment.findFirstOrThrow({ where: { journeyId: J, customerId } });

describe('journey results (real stack)', () => {
  it('counts entries, conversions per arm (goal node, after the journey, holdout) and the experiment exactly', async () => {
    await s.publish(journey);
    const A = customersFor('a', 5);
    const B = customersFor('b', 5);
    const H = customersFor('holdout', 4);
    for (const id of [...A, ...B, ...H]) {
      expect((await s.post('/v1/identify', { userId: id, traits: { email: `${id}@example.test` } })).status).toBe(200);
      await track(id, 'Signed Up', `signup-${id}`);
    }
    // Everyone past the split: A waits a day, B has finished, the holdout left at the split.
    await eventually(
      () => s.db.enrolment.findMany({ where: { journeyId: J } }),
      (rows) => rows.length === 14 && rows.every((r) => (A.includes(r.customerId) ? r.status === 'waiting' && r.currentNodeId === 'wait-a' : r.status !== 'active' && r.status !== 'waiting')),
      60_000,
    );

    // A: three convert through the goal node while waiting (the workflow ends their run).
    for (const id of A.slice(0, 3)) await track(id, 'Order Completed', `order-${id}`);
    await eventually(() => s.db.conversion.count({ where: { journeyId: J } }), (n) => n === 3);
    // B: two convert after the journey ended (one orders twice: one conversion), 60 s and 120 s after entering.
    const at = async (id: string, seconds: number) => (await enrolment(id)).enteredAt.getTime() + seconds * 1000;
    await track(B[0]!, 'Order Completed', `order-${B[0]}`, await at(B[0]!, 60));
    await track(B[0]!, 'Order Completed', `order-${B[0]}-again`, await at(B[0]!, 90));
    await track(B[1]!, 'Order Completed', `order-${B[1]}`, await at(B[1]!, 120));
    // Holdout: two convert within the window (180 s, 240 s); one orders 8 days after the split
    // (outside the 7-day window), one does something else.
    await track(H[0]!, 'Order Completed', `order-${H[0]}`, await at(H[0]!, 180));
    await track(H[1]!, 'Order Completed', `order-${H[1]}`, await at(H[1]!, 240));
    await track(H[2]!, 'Order Completed', `order-${H[2]}`, (await enrolment(H[2]!)).endedAt!.getTime() + 8 * DAY);
    await track(H[3]!, 'Page Viewed', `page-${H[3]}`);

    const today = Date.now();
    const range = { from: new Date(today - DAY).toISOString().slice(0, 10), to: new Date(today + DAY).toISOString().slice(0, 10) };
    const r = await s.caller.results.journey({ journeyId: J, range });

    expect(r.journey).toMatchObject({ id: J, name: 'Welcome test', liveVersion: 1 });
    expect(r.headline).toMatchObject({ entered: 14, converted: 7, conversionRate: 0.5, running: 2 });
    expect(r.headline.exited).toEqual({ goal: 3, completed: 5, holdout: 4 });
    // Sorted seconds to convert: three goal-node ones (a few seconds), then 60, 120, 180, 240.
    expect(r.headline.medianSecondsToConvert).toBe(60);
    expect(r.headline.versions).toEqual([{ version: 1, entered: 14, converted: 7, conversionRate: 0.5, medianSecondsToConvert: 60 }]);

    const conversions = await s.db.conversion.findMany({ where: { journeyId: J }, orderBy: { secondsToConvert: 'asc' } });
    expect(conversions).toHaveLength(7);
    const byCustomer = Object.fromEntries(conversions.map((c) => [c.customerId, c]));
    for (const id of A.slice(0, 3)) expect(byCustomer[id]).toMatchObject({ source: 'goal-node', goalNodeId: 'goal', lastNodeId: 'wait-a' });
    const mailB0 = await s.db.message.findFirstOrThrow({ where: { customerId: B[0]!, nodeId: 'mail-b' } });
    expect(byCustomer[B[0]!]).toMatchObject({ source: 'observed', goalNodeId: 'goal', goalEvent: 'Order Completed', secondsToConvert: 60, lastMessageId: mailB0.id, lastNodeId: 'done-b' });
    expect(byCustomer[B[1]!]).toMatchObject({ source: 'observed', secondsToConvert: 120 });
    expect(byCustomer[H[0]!]).toMatchObject({ source: 'observed', secondsToConvert: 180, lastMessageId: null, lastNodeId: 'split' });
    expect(byCustomer[H[1]!]).toMatchObject({ source: 'observed', secondsToConvert: 240 });
    expect(byCustomer[H[2]!]).toBeUndefined();

    expect(r.channels).toEqual([
      { channel: 'email', messages: 10, sent: 10, failed: 0, suppressed: 0, deferred: 0, sending: 0, delivered: null, opened: null, clicked: null },
    ]);
    expect(r.series.map((d) => d.day)).toEqual([range.from, new Date(today).toISOString().slice(0, 10), range.to]);
    const sum = (k: 'entered' | 'converted' | 'sent' | 'failed') => r.series.reduce((a, d) => a + d[k], 0);
    expect([sum('entered'), sum('converted'), sum('sent'), sum('failed')]).toEqual([14, 7, 10, 0]);

    expect(r.experiments).toHaveLength(1);
    const x = r.experiments[0]!;
    expect(x).toMatchObject({ nodeId: 'split', title: 'Welcome offer', windowDays: 7 });
    const [a, b, holdout] = x.arms;
    expect(a).toMatchObject({ output: 'a', label: 'A', customers: 5, converted: 3, rate: 0.6, control: false });
    expect(b).toMatchObject({ output: 'b', label: 'B', customers: 5, converted: 2, rate: 0.4, control: false });
    expect(holdout).toMatchObject({ output: 'holdout', label: 'Holdout', customers: 4, converted: 2, rate: 0.5, control: true, vsControl: null, sentence: null });
    const near = (v: number | undefined, ref: number) => expect(Math.abs((v ?? NaN) - ref)).toBeLessThan(5e-6);
    near(a!.ci.low, 0.230724);
    near(a!.ci.high, 0.882379);
    near(holdout!.ci.low, 0.150039);
    near(a!.vsControl?.diff, 0.1);
    near(a!.vsControl?.low, -0.408761);
    near(a!.vsControl?.high, 0.549678);
    near(b!.vsControl?.low, -0.549678);
    near(b!.vsControl?.high, 0.408761);
    // 388 per arm for 60% vs 50%: 383 more in A and 384 more in the holdout.
    expect(a!.sentence).toBe('not enough data yet: about 767 more customers needed (95% CI -40.9 to 55.0 points)');
    expect(b!.sentence).toBe('not enough data yet: about 767 more customers needed (95% CI -55.0 to 40.9 points)');

    // The canvas overlay's figures: per node and per output, who took it and who of them converted.
    const nodes = await s.caller.results.nodes({ journeyId: J });
    expect(nodes.split).toEqual({
      entered: 14, converted: 7, messages: {},
      outputs: { a: { took: 5, converted: 3 }, b: { took: 5, converted: 2 }, holdout: { took: 4, converted: 2 } },
    });
    expect(nodes['mail-a']).toEqual({ entered: 5, converted: 3, outputs: { next: { took: 5, converted: 3 } }, messages: { sent: 5 } });
    expect(nodes['wait-a']).toMatchObject({ entered: 5, converted: 3, outputs: {} });
    expect(nodes['done-b']).toMatchObject({ entered: 5, converted: 2 });

    // A delivery receipt on one email (stamped as api/src/channels/receipts.ts does for providers
    // that send receipts): delivered becomes a count; before it, no receipt meant "not reported".
    await s.db.message.update({ where: { id: mailB0.id }, data: { receipt: 'delivered', receiptAt: new Date() } });
    const withReceipt = await s.caller.results.journey({ journeyId: J, range });
    expect(withReceipt.channels).toMatchObject([{ channel: 'email', sent: 10, delivered: 1 }]);

    // Opens and clicks: events naming their message, as the open pixel and tracked links store
    // them (api/src/channels/tracking.ts), sent here through the ingest API. Counted per message:
    // two links clicked in one email is one clicked message.
    const mailA0 = await s.db.message.findFirstOrThrow({ where: { journeyId: J, customerId: A[0]! } });
    const engage = async (userId: string, event: string, m: { id: string }, ref: string) =>
      expect((await s.post('/v1/track', { userId, event, messageId: ref, properties: { messageId: m.id, channel: 'email', journeyId: J } })).status).toBe(200);
    await engage(B[0]!, 'Email Opened', mailB0, `opened:${mailB0.id}`);
    await engage(B[0]!, 'Email Link Clicked', mailB0, `clicked:${mailB0.id}:0`);
    await engage(B[0]!, 'Email Link Clicked', mailB0, `clicked:${mailB0.id}:1`);
    await engage(A[0]!, 'Email Link Clicked', mailA0, `clicked:${mailA0.id}:0`);
    const engaged = await s.caller.results.journey({ journeyId: J, range });
    expect(engaged.channels).toMatchObject([{ channel: 'email', sent: 10, opened: 1, clicked: 2 }]);
    // Of one version: the same here (everyone entered version 1).
    expect((await s.caller.results.journey({ journeyId: J, range, version: 1 })).channels).toMatchObject([{ opened: 1, clicked: 2 }]);

    // Reading again records nothing twice.
    const again = await s.caller.results.journey({ journeyId: J, range });
    expect(again.headline).toEqual(r.headline);
    expect(await s.db.conversion.count({ where: { journeyId: J } })).toBe(7);
  }, 180_000);

  it("counts the journey's own goal event for customers still inside, once, and not before they entered", async () => {
    const G = 'results-goal-event';
    const nudges = {
      id: G,
      name: 'Upgrade nudges',
      settings: { goal: { event: 'Upgraded', windowDays: 3 } },
      nodes: [
        { id: 'signed-up', type: 'trigger.event', event: 'Signed Up' },
        { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
        { id: 'nudge', type: 'action.email', subject: 'Upgrade?', body: 'x' },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'signed-up', target: 'wait' },
        { id: 'e2', source: 'wait', target: 'nudge' },
        { id: 'e3', source: 'nudge', target: 'done' },
      ],
    };
    await s.publish(nudges);
    const ids = ['up-1', 'up-2', 'up-3', 'up-4'];
    for (const id of ids) await track(id, 'Signed Up', `signup-${id}`);
    const inJourney = () => s.db.enrolment.findMany({ where: { journeyId: G } });
    await eventually(inJourney, (rows) => rows.length === 4 && rows.every((r) => r.status === 'waiting'));
    const entered = async (id: string) => (await s.db.enrolment.findFirstOrThrow({ where: { journeyId: G, customerId: id } })).enteredAt.getTime();
    await track('up-1', 'Upgraded', 'upgrade-1', (await entered('up-1')) + 30_000);
    await track('up-2', 'Upgraded', 'upgrade-2', (await entered('up-2')) + 45_000);
    await track('up-2', 'Upgraded', 'upgrade-2-again', (await entered('up-2')) + 50_000);
    await track('up-3', 'Page Viewed', 'page-3');
    await track('up-4', 'Upgraded', 'upgrade-4-before', (await entered('up-4')) - 3_600_000);

    const r = await s.caller.results.journey({ journeyId: G, range: { days: 7 } });
    expect(r.headline).toMatchObject({ entered: 4, converted: 2, conversionRate: 0.5, running: 4, medianSecondsToConvert: 37.5, exited: {} });
    expect(r.experiments).toEqual([]);
    const conversions = await s.db.conversion.findMany({ where: { journeyId: G }, orderBy: { customerId: 'asc' } });
    expect(conversions.map((c) => [c.customerId, c.source, c.goalNodeId, c.goalEvent, c.secondsToConvert, c.lastNodeId])).toEqual([
      ['up-1', 'observed', null, 'Upgraded', 30, 'wait'],
      ['up-2', 'observed', null, 'Upgraded', 45, 'wait'],
    ]);
    // Converting does not take them out: the journey's own goal is measured, not acted on.
    expect((await inJourney()).every((e) => e.status === 'waiting')).toBe(true);
  }, 90_000);

  it('compares every published journey: entered, rate, lift over the holdout, messages; conversion per channel', async () => {
    // The goal-event test's customers signed up too, so they entered the split journey as well.
    const ups = ['up-1', 'up-2', 'up-3', 'up-4'];
    const inHoldout = ups.filter((id) => stableBucket(`${id}:split`) >= 8000).length;
    const treatedUps = ups.length - inHoldout;
    const o = await s.caller.results.overview({ range: { days: 7 } });
    const ab = o.journeys.find((j) => j.journeyId === J)!;
    // The sign-ups have no email address: their messages are refused (no_address), not sent.
    expect(ab).toMatchObject({ name: 'Welcome test', entered: 18, converted: 7, sent: 10, failed: 0 });
    // Treatment: A 3 of 5 and B 2 of 5 (plus the sign-ups who did not convert); holdout 2 of 4 (plus theirs).
    expect(ab.lift).toMatchObject({ treated: 10 + treatedUps, held: 4 + inHoldout });
    const expected = difference(5, 10 + treatedUps, 2, 4 + inHoldout);
    expect(ab.lift!.diff).toBeCloseTo(expected.diff, 12);
    expect(ab.lift!.low).toBeCloseTo(expected.low, 12);
    expect(o.journeys.find((j) => j.journeyId === 'results-goal-event')).toMatchObject({ entered: 4, converted: 2, conversionRate: 0.5, lift: null, sent: 0 });
    expect(o.channels).toEqual([{ channel: 'email', reached: 10, converted: 5, conversionRate: 0.5 }]);
    // Per lifecycle stage: neither journey has one, so one row holds them both.
    const entered = o.journeys.reduce((a, j) => a + j.entered, 0);
    const converted = o.journeys.reduce((a, j) => a + j.converted, 0);
    expect(o.stages).toEqual([
      {
        stage: null,
        journeys: o.journeys.length,
        entered,
        converted,
        conversionRate: converted / entered,
        sent: 10,
        failed: 0,
        channels: [{ channel: 'email', reached: 10, converted: 5, conversionRate: 0.5, sent: 10, failed: 0 }],
      },
    ]);
  }, 30_000);

  it('makes a variant the winner: a new version sends everyone down it; the holdout cannot win', async () => {
    const err = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as TRPCError);
    expect(await err(s.caller.results.makeWinner({ journeyId: J, nodeId: 'split', output: 'holdout' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await err(s.caller.results.makeWinner({ journeyId: J, nodeId: 'mail-a', output: 'a' }))).toMatchObject({ code: 'NOT_FOUND', message: 'version 1 has no random split "mail-a"' });

    const made = await s.caller.results.makeWinner({ journeyId: J, nodeId: 'split', output: 'b' });
    expect(made).toEqual({ version: 2, note: 'B made the winner of Welcome offer (everyone takes it from now on)' });
    const v2 = await s.caller.journeys.getVersion({ id: J, version: 2 });
    const split = (v2.definition as { nodes: Array<{ id: string; variants?: unknown; holdoutPercent?: number }> }).nodes.find((n) => n.id === 'split');
    expect(split).toMatchObject({ variants: [{ id: 'a', percent: 0 }, { id: 'b', percent: 100 }], holdoutPercent: 0 });
    expect((await s.caller.journeys.versions({ id: J }))[0]).toMatchObject({ version: 2, note: made.note });

    // A customer the first version would have sent to A now takes B.
    const [late] = customersFor('a', 1, 'late');
    await s.post('/v1/identify', { userId: late, traits: { email: `${late}@example.test` } });
    await track(late!, 'Signed Up', `signup-${late}`);
    const e = await eventually(() => s.db.enrolment.findFirst({ where: { journeyId: J, customerId: late } }), (x) => x?.status === 'completed');
    expect(e).toMatchObject({ version: 2 });
    expect(await s.db.nodeEvent.findFirst({ where: { enrolmentId: e!.id, nodeId: 'split', kind: 'left' } })).toMatchObject({ output: 'b' });

    // With unpublished changes in the draft, the winner is not published over them.
    const renamed = { ...splitJourney(J), name: 'Renamed, not published' };
    await s.caller.journeys.saveDraft({ id: J, draft: renamed });
    expect(await err(s.caller.results.makeWinner({ journeyId: J, nodeId: 'split', output: 'a' }))).toMatchObject({ code: 'CONFLICT' });
  }, 90_000);

  it('refuses a reversed range and an unknown journey or version in words', async () => {
    const err = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as TRPCError);
    const reversed = await err(s.caller.results.journey({ journeyId: J, range: { from: '2026-11-20', to: '2026-11-01' } }));
    expect(reversed).toMatchObject({ code: 'BAD_REQUEST', message: 'the range ends on 2026-11-01, before it starts on 2026-11-20: swap the dates' });
    const unknown = await err(s.caller.results.journey({ journeyId: 'no-such-journey', range: { days: 7 } }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: 'no journey "no-such-journey"' });
    const version = await err(s.caller.results.journey({ journeyId: J, range: { days: 7 }, version: 9 }));
    expect(version).toMatchObject({ code: 'NOT_FOUND', message: `journey "${J}" has no version 9` });
    const tooLong = await err(s.caller.results.journey({ journeyId: J, range: { from: '2020-01-01', to: '2026-01-01' } }));
    expect(tooLong).toMatchObject({ code: 'BAD_REQUEST' });
    expect(tooLong?.message).toMatch(/choose at most 366/);
  }, 30_000);
});
