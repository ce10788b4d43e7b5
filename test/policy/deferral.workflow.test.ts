/**
 * Durable deferral on a real Temporal (time-skipping) server with the real activities on
 * PostgreSQL: a send that falls in quiet hours makes the workflow sleep until they end and retry
 * the same step under the same idempotency key; a suppression recorded while a customer waits in
 * a journey applies to its next send without republishing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJourney } from '@cairn/core';
import { POLICY_SETTINGS_KEY } from '@cairn/engine/runtime';
import { addCustomer, enrol, journeyOf, publish, type Published } from '../engine/support/fixtures.js';
import { harness, skipToEnd, until, type Harness } from '../engine/support/harness.js';

let h: Harness;
let quiet: Published;
let waiting: Published;
let converting: Published;
let moving: Published;

/** "moving" v1 and v2: the same first email and 2-hour wait; after it, v1 says "v1 later", v2 "v2 later". */
const movingNodes = (later: string) => [
  { id: 't', type: 'trigger.event' as const, event: 'Signed Up' },
  { id: 'mail', type: 'action.email' as const, subject: 'Hi', body: 'Welcome' },
  { id: 'wait', type: 'wait.delay' as const, duration: { amount: 2, unit: 'hours' as const } },
  { id: later, type: 'action.email' as const, subject: later.replace('-', ' '), body: 'Still there?' },
  { id: 'done', type: 'exit' as const },
];
const movingJourney = (later: string) => journeyOf('moving', movingNodes(later), [['t', 'mail'], ['mail', 'wait'], ['wait', later], [later, 'done']]);

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
  moving = await publish(h.db, movingJourney('v1-later'));
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

/**
 * Skips server time to each deadline the workflow reports, again while it still reports the same
 * one (on the test server a timer can fire only after a later skip), until the run closes (across
 * continue-as-new); resolves to how it closed. skipToEnd skips to a deadline once only, and stalled here.
 */
async function sleepThrough(handle: Awaited<ReturnType<typeof enrol>>): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const d = await handle.describe();
    if (d.status.name !== 'RUNNING') return d.status.name;
    const s = await handle.query<{ deadline?: number; idle: boolean }>('status').catch(() => undefined);
    if (s?.idle && s.deadline) await h.ts.env.sleep(Math.max(1, s.deadline - (await serverNow()) + 1));
    else await new Promise((r) => setTimeout(r, 200));
  }
  return 'RUNNING';
}
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

  it('moved to a new version while a send waits for quiet hours: the send goes once, then the customer goes on in the new version', async () => {
    const end = await quietNow();
    await addCustomer(h.db, { id: 'mover-1', timeZone: 'UTC' });
    const handle = await enrol(h.client, moving, { id: 'mover-1' }, { taskQueue: h.taskQueue, event: { name: 'Signed Up', at: await serverNow(), properties: {} } });
    await until(() => handle.query<{ status: string; deadline?: number; idle: boolean }>('status'), (s) => s.status === 'waiting' && s.deadline === end && s.idle);
    const deferred = await h.db.message.findFirstOrThrow({ where: { customerId: 'mover-1' } });
    expect(deferred).toMatchObject({ status: 'deferred', nodeId: 'mail' });

    // Version 2 is published and the customer, mid-deferral at "mail", is told to move (as publish with move does).
    const parsed = parseJourney(movingJourney('v2-later'));
    if (!parsed.ok) throw new Error('v2 invalid');
    const v2 = await h.db.journeyVersion.create({ data: { journeyId: 'moving', version: 2, definition: parsed.journey as unknown as object } });
    await handle.signal('moveVersion', { versionId: v2.id, version: 2, journey: parsed.journey, nodeMap: { wait: 'wait' } });

    expect(await sleepThrough(handle)).toBe('COMPLETED');
    const rows = await h.db.message.findMany({ where: { customerId: 'mover-1' }, orderBy: { createdAt: 'asc' } });
    // The deferred send went once, under its key, after quiet hours; v1's later email never; v2's once.
    expect(rows.map((r) => [r.nodeId, r.status])).toEqual([['mail', 'sent'], ['v2-later', 'sent']]);
    expect(rows[0]!.idempotencyKey).toBe(deferred.idempotencyKey);
    expect(rows[0]!.sentAt!.getTime()).toBeGreaterThanOrEqual(end);
    const moved = await h.db.nodeEvent.findFirst({ where: { journeyId: 'moving', reason: { startsWith: 'moved to version 2' } } });
    expect(moved).toMatchObject({ nodeId: 'wait' });
  }, 120_000);
});
