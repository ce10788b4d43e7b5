/**
 * Quiet hours and caps at send time, on real PostgreSQL: deferrals are exact instants in the
 * customer's own zone across a daylight-saving shift and a change of the customer's time zone;
 * a deferred send retried at its time goes out once, under the same key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDb, type TestDb } from '../engine/support/db.js';
import { customer, messageNode, sendWorld, type SendWorld } from './support/send.js';

const iso = (s: string) => Date.parse(s);
let pg: TestDb;
let w: SendWorld;
beforeAll(async () => {
  pg = await startTestDb();
  w = sendWorld(pg.db);
}, 120_000);
afterAll(async () => pg?.stop());

describe('quiet hours', () => {
  it('a send on the spring-forward night waits until 08:00 local, then goes once', async () => {
    await w.settings({ quietHours: { start: '21:00', end: '08:00' } });
    const id = await customer(pg.db, 'dst-ny', { timeZone: 'America/New_York' });
    const node = messageNode('action.email');
    w.clock.t = iso('2026-03-08T04:30:00Z'); // Saturday 23:30 EST; clocks jump 02:00 -> 03:00
    const first = await w.send('dst-1', id, node);
    expect(first).toMatchObject({ status: 'deferred', until: iso('2026-03-08T12:00:00Z') }); // 08:00 EDT, 7.5 h later
    expect(first.reason).toContain('2026-03-08 08:00 America/New_York');
    w.clock.t = iso('2026-03-08T11:59:59Z');
    expect(await w.send('dst-1', id, node)).toMatchObject({ status: 'deferred', until: iso('2026-03-08T12:00:00Z') });
    w.clock.t = iso('2026-03-08T12:00:00Z');
    expect(await w.send('dst-1', id, node)).toMatchObject({ status: 'sent' });
    expect(await w.send('dst-1', id, node)).toMatchObject({ status: 'sent', replayed: true });
    expect(w.delivered.filter((m) => m.idempotencyKey === 'dst-1')).toHaveLength(1);
    expect(await pg.db.message.count({ where: { idempotencyKey: 'dst-1' } })).toBe(1);
  });

  it('the fall-back night is an hour longer', async () => {
    await w.settings({ quietHours: { start: '21:00', end: '08:00' } });
    const id = await customer(pg.db, 'dst-paris', { timeZone: 'Europe/Paris' });
    w.clock.t = iso('2026-10-24T20:00:00Z'); // 22:00 CEST; 03:00 CEST -> 02:00 CET
    expect(await w.send('fall-1', id, messageNode('action.email'))).toMatchObject({ status: 'deferred', until: iso('2026-10-25T07:00:00Z') }); // 08:00 CET
  });

  it('a customer who moves while waiting is judged on the new clock, without republishing', async () => {
    await w.settings({ quietHours: { start: '21:00', end: '08:00' } });
    const id = await customer(pg.db, 'mover', { timeZone: 'Europe/London' });
    const node = messageNode('action.sms');
    w.clock.t = iso('2026-06-10T22:00:00Z'); // 23:00 BST
    expect(await w.send('move-1', id, node)).toMatchObject({ status: 'deferred', until: iso('2026-06-11T07:00:00Z') }); // 08:00 BST
    await pg.db.customer.update({ where: { id }, data: { timeZone: 'Asia/Tokyo' } });
    w.clock.t = iso('2026-06-11T07:00:00Z'); // 16:00 JST: fine in Tokyo too
    expect(await w.send('move-1', id, node)).toMatchObject({ status: 'sent' });
    await pg.db.customer.update({ where: { id }, data: { timeZone: 'Pacific/Auckland' } });
    w.clock.t = iso('2026-06-11T12:00:00Z'); // 00:00 NZST
    expect(await w.send('move-2', id, node)).toMatchObject({ status: 'deferred', until: iso('2026-06-11T20:00:00Z') }); // 08:00 NZST
  });

  it('no customer zone: the journey zone, then the workspace zone', async () => {
    await w.settings({ timeZone: 'Asia/Ho_Chi_Minh', quietHours: { start: '21:00', end: '08:00' } });
    const id = await customer(pg.db, 'no-zone');
    w.clock.t = iso('2026-06-10T15:00:00Z'); // 22:00 in Ho Chi Minh City, 11:00 in New York
    expect(await w.send('nz-1', id, messageNode('action.email'))).toMatchObject({ status: 'deferred', until: iso('2026-06-11T01:00:00Z') });
    expect(await w.send('nz-2', id, messageNode('action.email'), undefined, 'America/New_York')).toMatchObject({ status: 'sent' });
  });

  it('transactional messages wait too unless exempted', async () => {
    const id = await customer(pg.db, 'tx-quiet', { timeZone: 'UTC' });
    w.clock.t = iso('2026-06-10T23:00:00Z');
    await w.settings({ quietHours: { start: '21:00', end: '08:00' } });
    expect(await w.send('txq-1', id, messageNode('action.email', { transactional: true }))).toMatchObject({ status: 'deferred' });
    await w.settings({ quietHours: { start: '21:00', end: '08:00', exemptTransactional: true } });
    expect(await w.send('txq-2', id, messageNode('action.email', { transactional: true }))).toMatchObject({ status: 'sent' });
  });
});

describe('frequency caps', () => {
  it('at most 2 promotional emails per day: the third skips or defers to the exact instant, across the DST shift', async () => {
    await w.settings({ caps: [{ id: 'promo-2-day', channel: 'email', topic: 'promotions', limit: 2, window: { amount: 1, unit: 'days' } }] });
    const id = await customer(pg.db, 'capped', { timeZone: 'America/New_York' });
    w.clock.t = iso('2026-03-07T15:00:00Z'); // Sat 10:00 EST
    expect(await w.send('cap-1', id, messageNode('action.email'))).toMatchObject({ status: 'sent' });
    w.clock.t = iso('2026-03-08T01:00:00Z'); // Sat 20:00 EST
    expect(await w.send('cap-2', id, messageNode('action.email'))).toMatchObject({ status: 'sent' });
    w.clock.t = iso('2026-03-08T13:00:00Z'); // Sun 09:00 EDT
    expect(await w.send('cap-3', id, messageNode('action.email', { onCap: 'skip' }))).toMatchObject({ status: 'capped' });
    const deferred = await w.send('cap-4', id, messageNode('action.email', { onCap: 'defer' }));
    expect(deferred).toMatchObject({ status: 'deferred', until: iso('2026-03-08T15:00:00Z') }); // 24 h after the first: 11:00 EDT
    // Other topics, other channels and transactional messages are not counted against it.
    expect(await w.send('cap-5', id, messageNode('action.email', { topic: 'news' }))).toMatchObject({ status: 'sent' });
    expect(await w.send('cap-6', id, messageNode('action.sms'))).toMatchObject({ status: 'sent' });
    expect(await w.send('cap-7', id, messageNode('action.email', { transactional: true }))).toMatchObject({ status: 'sent' });
    w.clock.t = iso('2026-03-08T15:00:00Z');
    expect(await w.send('cap-4', id, messageNode('action.email', { onCap: 'defer' }))).toMatchObject({ status: 'sent' });
    // Now two in the window again (cap-2 and cap-4): the next one waits for cap-2 to leave.
    expect(await w.send('cap-8', id, messageNode('action.email', { onCap: 'defer' }))).toMatchObject({ status: 'deferred', until: iso('2026-03-09T01:00:00Z') });
  });

  it('a cap deferral that would open in quiet hours waits for them to end', async () => {
    await w.settings({ quietHours: { start: '21:00', end: '08:00' }, caps: [{ limit: 1, window: { amount: 12, unit: 'hours' } }] });
    const id = await customer(pg.db, 'cap-quiet', { timeZone: 'Asia/Ho_Chi_Minh' });
    w.clock.t = iso('2026-06-10T03:00:00Z'); // 10:00 ICT
    expect(await w.send('cq-1', id, messageNode('action.email'))).toMatchObject({ status: 'sent' });
    w.clock.t = iso('2026-06-10T04:00:00Z');
    // The cap opens at 15:00Z = 22:00 ICT, inside quiet hours: wait until 08:00 ICT.
    expect(await w.send('cq-2', id, messageNode('action.email', { onCap: 'defer' }))).toMatchObject({ status: 'deferred', until: iso('2026-06-11T01:00:00Z') });
  });
});
