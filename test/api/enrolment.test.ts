/**
 * Ingested events starting and reaching journeys, on the real stack (embedded PostgreSQL, Temporal
 * dev server, worker): idempotent enrolment under retries, entry rules, events reaching waiting
 * customers, identify with attribute and segment triggers.
 */
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { proSegment, upgraded, waitsForOrder, welcome } from './support/journeys.js';

let s: Stack;

useStack((stack) => (s = stack));

const publish = (draft: { id: string }) => s.publish(draft);

describe('enrolment through ingest (real Temporal)', () => {
  it('a retried request never enrols twice; a new event does (re-entry allowed)', async () => {
    await publish(welcome('retry', { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 }));
    await s.post('/v1/identify', { userId: 'ada', traits: { firstName: 'Ada', email: 'ada@example.test' } });
    const body = { userId: 'ada', event: 'Signed Up', messageId: 'signup-ada-1' };
    // The same request five times at once, then once more after they all answered.
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => s.post('/v1/track', body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await s.post('/v1/track', body)).status).toBe(200);

    const sent = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'retry', customerId: 'ada' } }),
      (m) => m.length >= 1 && m.every((x) => x.status !== 'claimed'),
    );
    expect(await s.db.enrolment.count({ where: { journeyId: 'retry', customerId: 'ada' } })).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'sent', content: expect.objectContaining({ subject: 'Hi Ada' }) });

    // A different event is a new entry: the rules allow it, so the test above could have failed.
    await s.post('/v1/track', { ...body, messageId: 'signup-ada-2' });
    await eventually(
      () => s.db.enrolment.findMany({ where: { journeyId: 'retry', customerId: 'ada' }, orderBy: { entry: 'asc' } }),
      (rows) => rows.length === 2 && rows.every((r) => r.status === 'completed'),
    );
  }, 90_000);

  it('entry "once" keeps a customer from entering twice through different events', async () => {
    await publish(welcome('once'));
    await s.post('/v1/track', { userId: 'bob', event: 'Signed Up', messageId: 'once-1' });
    const second = await s.post('/v1/track', { userId: 'bob', event: 'Signed Up', messageId: 'once-2' });
    expect(second.status).toBe(200);
    expect(await s.db.enrolment.count({ where: { journeyId: 'once', customerId: 'bob' } })).toBe(1);
  }, 60_000);

  it('an event reaches a customer already waiting in a journey', async () => {
    await publish(waitsForOrder('orders'));
    await s.post('/v1/identify', { userId: 'cy', traits: { email: 'cy@example.test' } });
    await s.post('/v1/track', { userId: 'cy', event: 'Cart Created', messageId: 'cart-cy' });
    await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'orders', customerId: 'cy' } }),
      (e) => e?.status === 'waiting' && e.currentNodeId === 'wait',
    );
    await s.post('/v1/track', { userId: 'cy', event: 'Order Completed', messageId: 'order-cy', properties: { orderId: 'A-17' } });
    const done = await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'orders', customerId: 'cy' } }),
      (e) => e?.status === 'completed',
    );
    expect(done?.currentNodeId).toBe('done');
    const [m] = await s.db.message.findMany({ where: { journeyId: 'orders', customerId: 'cy' } });
    expect(m).toMatchObject({ status: 'sent', content: expect.objectContaining({ subject: 'Thanks for order A-17' }) });
  }, 90_000);

  it('identify stores attributes and fires attribute triggers on a change only', async () => {
    await publish(upgraded('upgrade'));
    await s.post('/v1/identify', { userId: 'dee', traits: { plan: 'free', timezone: 'Asia/Ho_Chi_Minh' }, messageId: 'id-1' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'upgrade' } })).toBe(0);
    await s.post('/v1/identify', { userId: 'dee', traits: { plan: 'pro' }, messageId: 'id-2' });
    const changed = await s.db.event.findMany({ where: { customerId: 'dee', name: '$attribute_changed' }, orderBy: { receivedAt: 'asc' } });
    expect(changed.map((e) => e.properties)).toEqual([
      { attribute: 'plan', from: null, to: 'free' },
      { attribute: 'timezone', from: null, to: 'Asia/Ho_Chi_Minh' },
      { attribute: 'plan', from: 'free', to: 'pro' },
    ]);
    expect(await s.db.customer.findUnique({ where: { id: 'dee' } })).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', attributes: { plan: 'pro' } });
    await eventually(
      () => s.db.enrolment.findMany({ where: { journeyId: 'upgrade', customerId: 'dee' } }),
      (rows) => rows.length === 1 && rows[0]?.status === 'completed',
    );
    // The same traits again change nothing and enrol nobody.
    await s.post('/v1/identify', { userId: 'dee', traits: { plan: 'pro' }, messageId: 'id-3' });
    expect(await s.db.event.count({ where: { customerId: 'dee', name: '$attribute_changed' } })).toBe(3);
  }, 90_000);
});

describe('entry rules and segments (real Temporal)', () => {
  it('at most one entry at a time, re-entry once the first has ended', async () => {
    const draft = { ...waitsForOrder('conc'), settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 1 } } };
    await publish(draft);
    await s.post('/v1/identify', { userId: 'jo', traits: { email: 'jo@example.test' } });
    await s.post('/v1/track', { userId: 'jo', event: 'Cart Created', messageId: 'jo-cart-1' });
    await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'conc', customerId: 'jo' } }),
      (e) => e?.status === 'waiting',
    );
    await s.post('/v1/track', { userId: 'jo', event: 'Cart Created', messageId: 'jo-cart-2' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'conc', customerId: 'jo' } })).toBe(1);
    await s.post('/v1/track', { userId: 'jo', event: 'Order Completed', messageId: 'jo-order-1' });
    await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'conc', customerId: 'jo' } }),
      (e) => e?.status === 'completed',
    );
    await s.post('/v1/track', { userId: 'jo', event: 'Cart Created', messageId: 'jo-cart-3' });
    const rows = await s.db.enrolment.findMany({ where: { journeyId: 'conc', customerId: 'jo' }, orderBy: { entry: 'asc' } });
    expect(rows.map((r) => [r.entry, r.triggerEventId])).toEqual([
      [1, 'jo-cart-1'],
      [2, 'jo-cart-3'],
    ]);
  }, 90_000);

  it('a paused journey takes no one in; resumed, it does', async () => {
    await publish(welcome('pausable'));
    await s.caller.journeys.pause({ id: 'pausable' });
    await s.post('/v1/track', { userId: 'pat', event: 'Signed Up', messageId: 'pat-1' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'pausable' } })).toBe(0);
    await s.caller.journeys.resume({ id: 'pausable' });
    await s.post('/v1/track', { userId: 'pat', event: 'Signed Up', messageId: 'pat-2' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'pausable', customerId: 'pat' } })).toBe(1);
  }, 60_000);

  it('re-entry waits the configured number of days', async () => {
    await publish(welcome('later', { mode: 'reentry', reentryAfterDays: 7, maxConcurrent: 5 }));
    await s.post('/v1/track', { userId: 'kai', event: 'Signed Up', messageId: 'kai-1' });
    await eventually(
      () => s.db.enrolment.findFirst({ where: { journeyId: 'later', customerId: 'kai' } }),
      (e) => e?.status === 'completed' || e?.status === 'exited',
    );
    await s.post('/v1/track', { userId: 'kai', event: 'Signed Up', messageId: 'kai-2' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'later', customerId: 'kai' } })).toBe(1);
    // Eight days later (the first entry moved back in time), the same rule lets the customer in.
    await s.db.enrolment.updateMany({ where: { journeyId: 'later', customerId: 'kai' }, data: { enteredAt: new Date(Date.now() - 8 * 86_400_000) } });
    await s.post('/v1/track', { userId: 'kai', event: 'Signed Up', messageId: 'kai-3' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'later', customerId: 'kai' } })).toBe(2);
  }, 90_000);

  it('a segment trigger enrols when the customer comes to match, not on every call while matching', async () => {
    await publish(proSegment('power'));
    await s.post('/v1/identify', { userId: 'lu', traits: { plan: 'pro', email: 'lu@example.test' } });
    await s.post('/v1/track', { userId: 'lu', event: 'Logged In', messageId: 'lu-login-1' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'power' } })).toBe(0);
    await s.post('/v1/track', { userId: 'lu', event: 'Logged In', messageId: 'lu-login-2' });
    expect(await s.db.enrolment.count({ where: { journeyId: 'power', customerId: 'lu' } })).toBe(1);
    // Still matching: a third login or another trait is not an entry into the segment.
    await s.post('/v1/track', { userId: 'lu', event: 'Logged In', messageId: 'lu-login-3' });
    await s.post('/v1/identify', { userId: 'lu', traits: { city: 'Hue' } });
    expect(await s.db.enrolment.count({ where: { journeyId: 'power', customerId: 'lu' } })).toBe(1);
    // Leaving and coming back is a new entry (re-entry is allowed in this journey).
    await s.post('/v1/identify', { userId: 'lu', traits: { plan: 'free' } });
    await s.post('/v1/identify', { userId: 'lu', traits: { plan: 'pro' } });
    expect(await s.db.enrolment.count({ where: { journeyId: 'power', customerId: 'lu' } })).toBe(2);
  }, 90_000);
});
