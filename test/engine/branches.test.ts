/**
 * Customers take every kind of branch on a real Temporal (time-skipping) server with the real
 * activities on a real PostgreSQL: rule split, random split, delay, wait-for-event (event and
 * timeout), webhook, tag, attribute update, rep assignment, suppression, missing address.
 */
import { stableBucket } from '@cairn/core';
import { verify } from '@cairn/engine/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, enrol, journeyOf, publish, type Published } from './support/fixtures.js';
import { freshServerPerTest, harness, skipToEnd, statusOf, until, type Harness } from './support/harness.js';
import { webhookServer } from './support/webhook-server.js';

const DAY = 86_400_000;
let h: Harness;
let hook: Awaited<ReturnType<typeof webhookServer>>;
let p: Published;

beforeAll(async () => {
  [h, hook] = await Promise.all([harness(), webhookServer()]);
  p = await publish(
    h.db,
    journeyOf(
      'branches',
      [
        { id: 't', type: 'trigger.event', event: 'Signed Up' },
        { id: 'split', type: 'condition.split', branches: [{ id: 'pro', label: 'Pro plan', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' }] } }] },
        { id: 'email1', type: 'action.email', subject: 'Welcome {{ customer.firstName }}', body: 'You chose {{ event.properties.plan }}' },
        { id: 'wait3d', type: 'wait.delay', duration: { amount: 3, unit: 'days' } },
        { id: 'sms1', type: 'action.sms', body: 'Day 3, {{ customer.firstName }}' },
        { id: 'tag1', type: 'action.tag', tag: 'onboarded' },
        { id: 'ab', type: 'condition.random', variants: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 50 }] },
        { id: 'waitOrder', type: 'wait.event', event: 'Order Completed', timeout: { amount: 2, unit: 'days' } },
        { id: 'upd', type: 'action.updateAttribute', attribute: 'lastOrderTotal', value: '{{ event.properties.total }}', valueType: 'number' },
        { id: 'hook', type: 'action.webhook', url: 'http://127.0.0.1:1/placeholder', body: '{"customer":"{{ customer.id }}"}' },
        { id: 'rep', type: 'action.assignRep', team: 'sales', taskTitle: 'Call {{ customer.firstName }}' },
        { id: 'push1', type: 'action.push', title: 'Hi', body: 'There' },
        { id: 'done', type: 'exit' },
        { id: 'failed', type: 'exit', reason: 'webhook-failed' },
      ],
      [
        ['t', 'split'], ['split', 'email1', 'pro'], ['email1', 'wait3d'], ['wait3d', 'sms1'], ['sms1', 'tag1'], ['tag1', 'done'],
        ['split', 'ab', 'else'], ['ab', 'waitOrder', 'a'], ['ab', 'push1', 'b'],
        ['waitOrder', 'upd', 'event'], ['upd', 'done'], ['waitOrder', 'hook', 'timeout'],
        ['hook', 'rep', 'success'], ['hook', 'failed', 'failure'], ['rep', 'done'],
      ],
    ),
  );
  // The webhook URL is only known now: patch it into the published version the workflows get.
  const hookNode = p.journey.nodes.find((n) => n.id === 'hook');
  if (hookNode?.type === 'action.webhook') hookNode.url = `${hook.url}/hooks/cairn`;
}, 180_000);

freshServerPerTest(() => h);

afterAll(async () => {
  await hook?.close();
  await h?.teardown();
});

/** A customer id that the `ab` split puts in variant a (bucket < 50%) or b. */
function idIn(variant: 'a' | 'b', prefix: string): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}-${i}`;
    if ((stableBucket(`${id}:ab`) < 5000) === (variant === 'a')) return id;
  }
}

/** Event times follow the server's (skipped) clock, as ingest's do in production. */
const serverNow = () => h.ts.env.currentTimeMs();
const signedUp = async (plan: string) => ({ name: 'Signed Up', at: await serverNow(), properties: { plan } });

async function trace(customerId: string) {
  const e = await h.db.enrolment.findFirstOrThrow({ where: { customerId }, include: { nodeEvents: { orderBy: { seq: 'asc' } } } });
  return { enrolment: e, path: e.nodeEvents.filter((s) => s.kind === 'left').map((s) => `${s.nodeId}>${s.output}`) };
}

describe('journey workflow: each branch kind, real activities', () => {
  it('pro customer: email, a 3-day wait in seconds, sms, tag; completes', async () => {
    await addCustomer(h.db, { id: 'pro-1', attributes: { plan: 'pro', firstName: 'Lan' } });
    const started = Date.now();
    const handle = await enrol(h.client, p, { id: 'pro-1', attributes: { plan: 'pro', firstName: 'Lan' } }, { taskQueue: h.taskQueue, event: await signedUp('pro') });
    const result = await skipToEnd(h, handle);
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ status: 'completed', exit: { reason: 'completed', nodeId: 'done' } });
    expect(elapsed).toBeLessThan(30_000);

    const messages = await h.db.message.findMany({ where: { customerId: 'pro-1' }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((m) => [m.nodeId, m.channel, m.status])).toEqual([['email1', 'email', 'sent'], ['sms1', 'sms', 'sent']]);
    expect(messages[0]?.content).toMatchObject({ to: 'pro-1@example.test', subject: 'Welcome Lan', body: 'You chose pro' });
    expect(messages[0]?.idempotencyKey).toBe(`${handle.workflowId}:email1:1`);

    const { enrolment, path } = await trace('pro-1');
    expect(path).toEqual(['t>next', 'split>pro', 'email1>next', 'wait3d>next', 'sms1>next', 'tag1>next']);
    expect(enrolment).toMatchObject({ status: 'completed', exitReason: 'completed', currentNodeId: 'done', entry: 1 });
    const waited = enrolment.nodeEvents.filter((s) => s.nodeId === 'wait3d').map((s) => s.at.getTime());
    expect((waited[1] ?? 0) - (waited[0] ?? 0)).toBeGreaterThanOrEqual(3 * DAY);
    const customer = await h.db.customer.findUniqueOrThrow({ where: { id: 'pro-1' } });
    expect(customer.attributes).toMatchObject({ tags: ['onboarded'] });
  }, 60_000);

  it('variant a, event arrives mid-wait: takes the event branch and updates the attribute', async () => {
    const id = idIn('a', 'order');
    await addCustomer(h.db, { id, attributes: { plan: 'free' } });
    const handle = await enrol(h.client, p, { id, attributes: { plan: 'free' } }, { taskQueue: h.taskQueue, event: await signedUp('free') });
    await until(() => statusOf(handle), (s) => s.node === 'waitOrder' && s.status === 'waiting' && s.idle);
    await h.ts.env.sleep(DAY); // a day passes, then the customer orders
    await handle.signal('customerEvent', { event: { name: 'Order Completed', at: await serverNow(), properties: { total: 129.5 } }, id: 'evt-order-1' });
    const result = await skipToEnd(h, handle);
    expect(result).toMatchObject({ status: 'completed' });
    const { path } = await trace(id);
    expect(path).toEqual(['t>next', 'split>else', 'ab>a', 'waitOrder>event', 'upd>next']);
    const customer = await h.db.customer.findUniqueOrThrow({ where: { id } });
    expect(customer.attributes).toMatchObject({ lastOrderTotal: 129.5 });
  }, 60_000);

  it('variant a, no event: times out, calls the signed webhook, assigns a rep', async () => {
    const id = idIn('a', 'quiet');
    await addCustomer(h.db, { id, attributes: { plan: 'free', firstName: 'Minh' } });
    const handle = await enrol(h.client, p, { id, attributes: { plan: 'free', firstName: 'Minh' } }, { taskQueue: h.taskQueue, event: await signedUp('free') });
    expect(await skipToEnd(h, handle)).toMatchObject({ status: 'completed' });
    const { path, enrolment } = await trace(id);
    expect(path).toEqual(['t>next', 'split>else', 'ab>a', 'waitOrder>timeout', 'hook>success', 'rep>next']);
    const call = hook.received.find((r) => r.body.includes(id));
    expect(call?.path).toBe('/hooks/cairn');
    expect(verify(call?.body ?? '', 'test-secret', call?.headers['x-cairn-signature'] as string)).toBe(true);
    expect(verify(call?.body ?? '', 'wrong-secret', call?.headers['x-cairn-signature'] as string)).toBe(false);
    expect(call?.headers['x-cairn-idempotency-key']).toBe(`${handle.workflowId}:hook:1`);
    const customer = await h.db.customer.findUniqueOrThrow({ where: { id } });
    expect(customer.attributes).toMatchObject({ owner: 'team:sales' });
    const repStep = enrolment.nodeEvents.find((s) => s.nodeId === 'rep' && s.kind === 'left');
    expect(repStep?.detail).toMatchObject({ task: { title: 'Call Minh', owner: 'team:sales' } });
  }, 60_000);

  it('variant b without a push token: no_address is recorded, the path ends', async () => {
    const id = idIn('b', 'pushless');
    await addCustomer(h.db, { id, attributes: { plan: 'free' } });
    const handle = await enrol(h.client, p, { id, attributes: { plan: 'free' } }, { taskQueue: h.taskQueue, event: await signedUp('free') });
    expect(await skipToEnd(h, handle)).toMatchObject({ status: 'completed', exit: { reason: 'end-of-path' } });
    const m = await h.db.message.findFirstOrThrow({ where: { customerId: id } });
    expect(m).toMatchObject({ nodeId: 'push1', status: 'no_address' });
    const { path } = await trace(id);
    expect(path).toEqual(['t>next', 'split>else', 'ab>b', 'push1>next']);
  }, 60_000);

  it('a customer who refused email is never emailed; the sms still goes', async () => {
    await addCustomer(h.db, { id: 'pro-suppressed', attributes: { plan: 'pro' }, suppressed: ['email'] });
    const handle = await enrol(h.client, p, { id: 'pro-suppressed', attributes: { plan: 'pro' } }, { taskQueue: h.taskQueue, event: await signedUp('pro') });
    expect(await skipToEnd(h, handle)).toMatchObject({ status: 'completed' });
    const messages = await h.db.message.findMany({ where: { customerId: 'pro-suppressed' }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((m) => [m.nodeId, m.status])).toEqual([['email1', 'suppressed'], ['sms1', 'sent']]);
    expect(messages[0]?.reason).toMatch(/refused contact on email/);
    expect(messages[0]?.content).toBeNull();
  }, 60_000);
});
