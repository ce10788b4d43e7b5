/**
 * Push to a customer's browsers and apps at once, on the real stack (embedded PostgreSQL,
 * Temporal dev server, worker, HTTP API). The push services and Google cannot be reached from
 * here: browsers subscribe against the local Web Push stand-in (support/push-standin.ts, which
 * checks the VAPID signature and decrypts each message with the subscription's keys), and the
 * app token goes to the FCM v1 stand-in (support/fcm-standin.ts, OAuth and the v1 API).
 *
 * Checked: one push step is one claim and one message row (the policy judges the person once),
 * which reaches every device of the step's target ("both" by default, "app", "browser"), each
 * through its own provider, with each device's outcome on the row; a retryable failure on one
 * device resends only to the devices not yet reached; a dead subscription (410) and a dead token
 * (UNREGISTERED) are removed while the other devices still get the message; an FCM click on a
 * row both providers carried is one event.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startPushStandIn, type PushStandIn } from './support/push-standin.js';
import { startFcmStandIn, type FcmStandIn } from './support/fcm-standin.js';

let s: Stack;
let push: PushStandIn;
let fcm: FcmStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    push = await startPushStandIn();
    fcm = await startFcmStandIn();
    return { FCM_SERVICE_ACCOUNT: fcm.serviceAccount, FCM_API_URL: fcm.url };
  },
);
afterAll(async () => {
  await push?.close();
  await fcm?.close();
});

const TOKEN = 'bGFu:APA91bH-phone-of-lan-0001';
const subscribe = (userId: string, subscription: unknown) =>
  fetch(`${s.url}/v1/providers/web-push/subscribe?key=${encodeURIComponent(s.writeKey)}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ userId, subscription }) });
const journey = {
  id: 'everywhere',
  name: 'Push everywhere',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Order Ready' },
    { id: 'push', type: 'action.push', title: 'Chào {{ customer.firstName }}', body: 'Đơn hàng đã sẵn sàng', url: 'https://shop.example/orders/7' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'push' },
    { id: 'e2', source: 'push', target: 'done' },
  ],
};
const node = (target?: string) => JourneyNode.parse({ ...journey.nodes[1], ...(target ? { target } : {}) }) as MessageNode;
const deps = () => ({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } });
const outcomes = async (messageId: string) => JSON.parse(((await s.db.message.findUniqueOrThrow({ where: { id: messageId } })).content as { device_outcomes: string }).device_outcomes) as Record<string, { kind: string; provider: string; status: string; reason?: string }>;

describe('push to browsers and apps at once', () => {
  it('one push step reaches two browsers and an app, one claim and one row with each device’s outcome', async () => {
    await s.caller.channels.update({ channel: 'push', provider: 'web-push', settings: { subject: 'mailto:ops@shop.example', endpointHosts: ['127.0.0.1'] } });
    const laptop = push.subscribe();
    const phoneBrowser = push.subscribe();
    expect((await subscribe('lan', laptop.subscription)).status).toBe(200);
    expect((await subscribe('lan', phoneBrowser.subscription)).status).toBe(200);
    await s.post('/v1/identify', { userId: 'lan', traits: { firstName: 'Lan', pushToken: TOKEN } });
    expect((await s.db.pushDevice.findMany({ where: { customerId: 'lan' }, orderBy: { createdAt: 'asc' } })).map((d) => d.kind)).toEqual(['browser', 'browser', 'app']);

    await s.publish(journey);
    await s.post('/v1/track', { userId: 'lan', event: 'Order Ready', messageId: 'lan-1' });
    const [row] = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'everywhere', customerId: 'lan' } }),
      (r) => r.length === 1 && r[0]!.status !== 'claimed',
    );
    expect(push.refused).toEqual([]);
    expect(push.received.map((r) => r.subscriptionId).sort()).toEqual([laptop.id, phoneBrowser.id].sort());
    for (const r of push.received) expect(r.payload).toMatchObject({ title: 'Chào Lan', body: 'Đơn hàng đã sẵn sàng', url: 'https://shop.example/orders/7', tag: row!.id });
    expect(fcm.messages.map((m) => m.message.token)).toEqual([TOKEN]);
    expect(fcm.messages[0]!.message.notification).toEqual({ title: 'Chào Lan', body: 'Đơn hàng đã sẵn sàng' });
    expect(row).toMatchObject({ status: 'sent', provider: 'web-push+fcm', reason: 'sent by web-push and fcm to 3 devices', providerId: push.received[0]!.location });
    expect(Object.values(await outcomes(row!.id)).map((o) => [o.kind, o.provider, o.status])).toEqual([
      ['browser', 'web-push', 'sent'],
      ['browser', 'web-push', 'sent'],
      ['app', 'fcm', 'sent'],
    ]);

    // The app's tap on a row both providers carried is one "Push Clicked".
    const click = new URL(fcm.messages[0]!.message.data!.click!);
    expect((await fetch(`${s.url}${click.pathname}${click.search}`, { method: 'POST' })).status).toBe(204);
    expect((await s.db.event.findMany({ where: { customerId: 'lan', name: 'Push Clicked' } })).map((e) => e.properties)).toEqual([
      { messageId: row!.id, channel: 'push', provider: 'fcm', journeyId: 'everywhere', nodeId: 'push' },
    ]);
  }, 120_000);

  it('sends only to the chosen target: apps or browsers', async () => {
    const [b, f] = [push.received.length, fcm.messages.length];
    expect(await deliver(deps(), { idempotencyKey: 'app-only', customerId: 'lan', node: node('app') })).toMatchObject({ status: 'sent', provider: 'fcm', reason: 'sent by fcm' });
    expect([push.received.length - b, fcm.messages.length - f]).toEqual([0, 1]);
    expect(await deliver(deps(), { idempotencyKey: 'browser-only', customerId: 'lan', node: node('browser') })).toMatchObject({ status: 'sent', provider: 'web-push', reason: 'sent by web-push to 2 devices' });
    expect([push.received.length - b, fcm.messages.length - f]).toEqual([2, 1]);
    await s.post('/v1/identify', { userId: 'desk-only', traits: { firstName: 'Minh' } });
    expect((await subscribe('desk-only', push.subscribe().subscription)).status).toBe(200);
    expect(await deliver(deps(), { idempotencyKey: 'no-app', customerId: 'desk-only', node: node('app') })).toMatchObject({ status: 'no_address', reason: 'the customer has no push device of kind app (pushToken)' });
  }, 60_000);

  it('a retryable failure on one device resends only to the devices not yet reached', async () => {
    const [b, f] = [push.received.length, fcm.messages.length];
    fcm.revokeAccessTokens();
    await expect(deliver(deps(), { idempotencyKey: 'retry-1', customerId: 'lan', node: node() })).rejects.toThrow(/FCM 401/);
    expect([push.received.length - b, fcm.messages.length - f]).toEqual([2, 0]);
    const again = await deliver(deps(), { idempotencyKey: 'retry-1', customerId: 'lan', node: node() });
    expect(again).toMatchObject({ status: 'sent', reason: 'sent by web-push and fcm to 3 devices' });
    expect([push.received.length - b, fcm.messages.length - f]).toEqual([2, 1]);
    expect(await s.db.message.count({ where: { idempotencyKey: 'retry-1' } })).toBe(1);
  }, 60_000);

  it('removes a dead subscription (410) and a dead token (UNREGISTERED); the other devices still get it', async () => {
    const [laptop, phoneBrowser] = (await s.db.pushDevice.findMany({ where: { customerId: 'lan', kind: 'browser' }, orderBy: { createdAt: 'asc' } })).map((d) => JSON.parse(d.address) as { endpoint: string });
    const laptopId = laptop!.endpoint.split('/').pop()!;
    push.expire(laptopId);
    fcm.unregister(TOKEN);
    const b = push.received.length;
    const r = await deliver(deps(), { idempotencyKey: 'dead-1', customerId: 'lan', node: node() });
    expect(r).toMatchObject({ status: 'sent', provider: 'web-push+fcm' });
    expect(r.reason).toMatch(/^sent by web-push to 1 of 3 devices; web-push: .*expired \(410\).*; fcm: .*FCM 404 UNREGISTERED/);
    expect(push.received.slice(b).map((x) => x.subscriptionId)).toEqual([phoneBrowser!.endpoint.split('/').pop()]);
    const left = await s.db.pushDevice.findMany({ where: { customerId: 'lan' } });
    expect(left.map((d) => JSON.parse(d.address) as { endpoint: string }).map((x) => x.endpoint)).toEqual([phoneBrowser!.endpoint]);
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'lan' } })).pushToken).toBeNull();
    const [before, f] = [push.received.length, fcm.messages.length];
    expect(await deliver(deps(), { idempotencyKey: 'dead-2', customerId: 'lan', node: node() })).toMatchObject({ status: 'sent', provider: 'web-push', reason: 'sent by web-push' });
    expect([push.received.length - before, fcm.messages.length - f]).toEqual([1, 0]);
  }, 60_000);

  it('moves the devices of an anonymous visitor to the customer they turn out to be', async () => {
    const visitor = push.subscribe();
    await s.post('/v1/track', { anonymousId: 'anon-kim', event: 'Viewed Pricing' });
    const anon = 'anon-kim';
    expect((await subscribe(anon, visitor.subscription)).status).toBe(200);
    await s.post('/v1/identify', { userId: 'kim', traits: { firstName: 'Kim', pushToken: 'a2lt:APA91bH-phone-of-kim-0003' } });
    await s.post('/v1/identify', { userId: 'kim', anonymousId: 'anon-kim', traits: { plan: 'pro' } });
    expect((await s.db.pushDevice.findMany({ where: { customerId: 'kim' }, orderBy: { createdAt: 'asc' } })).map((d) => d.kind)).toEqual(['browser', 'app']);
    expect(await s.db.pushDevice.count({ where: { customerId: anon } })).toBe(0);
    const [b, f] = [push.received.length, fcm.messages.length];
    expect(await deliver(deps(), { idempotencyKey: 'kim-1', customerId: 'kim', node: node() })).toMatchObject({ status: 'sent', reason: 'sent by web-push and fcm to 2 devices' });
    expect([push.received.length - b, fcm.messages.length - f]).toEqual([1, 1]);
  }, 60_000);
});
