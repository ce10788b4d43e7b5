/**
 * Durable deferral on a real Temporal (time-skipping) server with the real activities on
 * PostgreSQL: a send that falls in quiet hours makes the workflow sleep until they end and retry
 * the same step under the same idempotency key; a suppression recorded while a customer waits in
 * a journey applies to its next send without republishing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_SETTINGS_KEY } from '@cairn/engine/runtime';
import { addCustomer, enrol, journeyOf, publish, type Published } from '../engine/support/fixtures.js';
import { harness, skipToEnd, until, type Harness } from '../engine/support/harness.js';

let h: Harness;
let quiet: Published;
let waiting: Published;
let converting: Published;

beforeAll(async () => {
  h = await harness();
  quiet = await publish(h.db, journeyOf('quiet', [
    { id: 't', type: 'trigger.event', event: 'Signed Up' },
    { id: 'mail', type: 'action.email', subject: 'Hi', body: 'Welcome' },
    { id: 'done', type: 'exit' },
  ], [['t', 'mail'], ['mail', 'done']]));
  waiting = await publish(h.db, journeyOf('waiting', [
    { id: 't', type: 'trigger.event', event: 'Signed Up' },
    { id: 'wait', type: 'wait.delay', duration: { amount: 3, unit: 'days' } },
    { id: 'mail', type: 'action.email', subject: 'Day 3', body: 'Still there?' },
    { id: 'done', type: 'exit' },
  ], [['t', 'wait'], ['wait', 'mail'], ['mail', 'done']]));
  converting = await publish(h.db, journeyOf('quiet-goal', [
    { id: 't', type: 'trigger.event', event: 'Cart Abandoned' },
    { id: 'mail', type: 'action.email', subject: 'Your cart', body: 'Still want it?' },
    { id: 'done', type: 'exit' },
    { id: 'bought', type: 'goal', event: 'Order Completed' },
  ], [['t', 'mail'], ['mail', 'done']]));
}, 240_000);

/** Quiet hours from a minute ago until the next full hour at least an hour away (UTC); returns the end. */
async function quietNow(): Promise<number> {
  const now = await serverNow();
  const end = Math.ceil((now + 3_600_000) / 3_600_000) * 3_600_000;
  const value = { quietHours: { start: hhmm(now - 60_000), end: hhmm(end) } };
  await h.db.workspaceSetting.upsert({ where: { key: POLICY_SETTINGS_KEY }, create: { key: POLICY_SETTINGS_KEY, value }, update: { value } });
  return end;
}
afterAll(async () => h?.teardown());

const serverNow = () => h.ts.env.currentTimeMs();
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('deferral in the workflow', () => {
  it('quiet hours: the workflow waits until they end, then sends once under the same key', async () => {
    const now = await serverNow();
    const end = await quietNow();
    await addCustomer(h.db, { id: 'quiet-1', timeZone: 'UTC' });
    const handle = await enrol(h.client, quiet, { id: 'quiet-1' }, { taskQueue: h.taskQueue, event: { name: 'Signed Up', at: now, properties: {} } });
    const status = await until(() => handle.query<{ status: string; deadline?: number }>('status'), (s) => s.status === 'waiting' && s.deadline !== undefined);
    expect(status.deadline).toBe(end);
    const deferredRow = await h.db.message.findFirstOrThrow({ where: { customerId: 'quiet-1' } });
    expect(deferredRow).toMatchObject({ status: 'deferred', policyCode: 'quiet-hours' });
    expect(deferredRow.deferredUntil?.getTime()).toBe(end);

    const result = await skipToEnd<{ status: string }>(h, handle);
    expect(result.status).toBe('completed');
    const rows = await h.db.message.findMany({ where: { customerId: 'quiet-1' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', idempotencyKey: deferredRow.idempotencyKey });
    expect(rows[0]!.sentAt!.getTime()).toBeGreaterThanOrEqual(end);
  }, 120_000);

  it('a suppression recorded while the customer waits stops the next send, without republishing', async () => {
    await h.db.workspaceSetting.deleteMany({ where: { key: POLICY_SETTINGS_KEY } });
    await addCustomer(h.db, { id: 'waiter-1' });
    const handle = await enrol(h.client, waiting, { id: 'waiter-1' }, { taskQueue: h.taskQueue, event: { name: 'Signed Up', at: await serverNow(), properties: {} } });
    await until(() => handle.query<{ status: string }>('status'), (s) => s.status === 'waiting');
    await h.db.suppression.create({ data: { customerId: 'waiter-1', channel: 'email', reason: 'spam_complaint', source: 'test' } });
    await skipToEnd(h, handle);
    const rows = await h.db.message.findMany({ where: { customerId: 'waiter-1' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'suppressed', policyCode: 'spam_complaint' });
  }, 120_000);

  it('a goal reached while a send waits for quiet hours to end: the customer converts, the send never goes', async () => {
    await quietNow();
    await addCustomer(h.db, { id: 'converter-1', timeZone: 'UTC' });
    const handle = await enrol(h.client, converting, { id: 'converter-1' }, { taskQueue: h.taskQueue, event: { name: 'Cart Abandoned', at: await serverNow(), properties: {} } });
    await until(() => handle.query<{ status: string; idle: boolean }>('status'), (s) => s.status === 'waiting' && s.idle);
    await handle.signal('customerEvent', { event: { name: 'Order Completed', at: await serverNow(), properties: {} } });
    const result = await skipToEnd<{ status: string; exit: { reason: string } }>(h, handle);
    expect(result).toMatchObject({ status: 'completed', exit: { reason: 'goal' } });
    const rows = await h.db.message.findMany({ where: { customerId: 'converter-1' } });
    expect(rows.map((r) => r.status)).toEqual(['deferred']);
  }, 120_000);
});
