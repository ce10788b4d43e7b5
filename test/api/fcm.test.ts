/**
 * App push through Firebase Cloud Messaging (HTTP v1) on the real stack (embedded PostgreSQL,
 * Temporal dev server, worker, HTTP API). Google cannot be reached from here, so the provider gets
 * a service account key whose token_uri is a local stand-in of Google's OAuth 2.0 token endpoint,
 * and FCM_API_URL points at a stand-in of the FCM v1 API (support/fcm-standin.ts), which checks
 * the signed JWT assertion and the bearer token as Google does. Checked: a journey's push step
 * reaches the device token with its title, text, link, a signed click link and a collapse key,
 * with one access token reused across sends; the app's tap on the click link is one "Push
 * Clicked" event (a forged link 403); an UNREGISTERED answer fails the message and forgets the
 * token, so the next send records no_address without calling FCM; a revoked access token (401)
 * is retried with a fresh one; a malformed token (400) fails without forgetting it; a browser
 * subscription goes to Web Push (push-devices.test.ts), which refuses a malformed one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startFcmStandIn, type FcmStandIn } from './support/fcm-standin.js';

let s: Stack;
let fcm: FcmStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    fcm = await startFcmStandIn();
    return { FCM_SERVICE_ACCOUNT: fcm.serviceAccount, FCM_API_URL: fcm.url };
  },
);
afterAll(() => fcm?.close());

const TOKEN = 'dGVzdC1kZXZpY2U:APA91bH-phone-of-mai-0001';
const journey = {
  id: 'app-push',
  name: 'App push',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Order Ready' },
    { id: 'push', type: 'action.push', title: 'Chào {{ customer.firstName }}', body: 'Đơn hàng của bạn đã sẵn sàng', url: 'shop://orders/42' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'push' },
    { id: 'e2', source: 'push', target: 'done' },
  ],
};
const rows = (customerId: string, count: number) =>
  eventually(
    () => s.db.message.findMany({ where: { journeyId: 'app-push', customerId }, orderBy: { createdAt: 'asc' } }),
    (r) => r.length === count && r.every((m) => m.status !== 'claimed'),
  );
const pushNode = JourneyNode.parse(journey.nodes[1]) as MessageNode;
const deps = () => ({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } });

describe('app push through FCM HTTP v1 (service-account OAuth and the v1 API against local stand-ins)', () => {
  it('sends a journey push to the device token, and the app’s tap is one Push Clicked event', async () => {
    expect((await s.channels.describe()).find((c) => c.channel === 'push')).toMatchObject({ provider: 'fcm', source: 'environment', configured: true });
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'mai', traits: { firstName: 'Mai', pushToken: TOKEN } });
    await s.post('/v1/track', { userId: 'mai', event: 'Order Ready', messageId: 'mai-1' });
    const [row] = await rows('mai', 1);
    expect(fcm.messages).toHaveLength(1);
    const sent = fcm.messages[0]!;
    expect(row).toMatchObject({ status: 'sent', provider: 'fcm', providerId: sent.name });
    expect(sent.message).toMatchObject({
      token: TOKEN,
      notification: { title: 'Chào Mai', body: 'Đơn hàng của bạn đã sẵn sàng' },
      data: { url: 'shop://orders/42', messageId: row!.id, click: expect.stringMatching(/\/v1\/providers\/fcm\/click\?m=.+&t=[\w-]{32}$/) },
      android: { collapse_key: expect.stringMatching(/^[\w-]{32}$/), priority: 'HIGH', ttl: '86400s' },
    });
    expect(sent.message.apns?.headers?.['apns-collapse-id']).toBe(sent.message.android?.collapse_key);

    const click = new URL(sent.message.data!.click!);
    const at = `${s.url}${click.pathname}${click.search}`;
    const forged = new URL(at);
    forged.searchParams.set('t', 'A'.repeat(32));
    expect((await fetch(forged, { method: 'POST' })).status).toBe(403);
    for (let i = 0; i < 2; i++) expect((await fetch(at, { method: 'POST' })).status).toBe(204);
    const clicks = await s.db.event.findMany({ where: { customerId: 'mai', name: 'Push Clicked' } });
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.properties).toMatchObject({ messageId: row!.id, channel: 'push', provider: 'fcm' });

    // A second send reuses the access token.
    await s.post('/v1/track', { userId: 'mai', event: 'Order Ready', messageId: 'mai-2' });
    await rows('mai', 2);
    expect(fcm.messages).toHaveLength(2);
    expect(fcm.tokenRequests).toBe(1);
  }, 90_000);

  it('a revoked access token is retried with a fresh one', async () => {
    fcm.revokeAccessTokens();
    await expect(deliver(deps(), { idempotencyKey: 'auth-1', customerId: 'mai', node: pushNode })).rejects.toThrow(/FCM 401 UNAUTHENTICATED/);
    expect(await deliver(deps(), { idempotencyKey: 'auth-1', customerId: 'mai', node: pushNode })).toMatchObject({ status: 'sent', provider: 'fcm' });
    expect(fcm.tokenRequests).toBe(2);
  });

  it('UNREGISTERED fails the message and forgets the token; the next send has no address', async () => {
    await s.post('/v1/identify', { userId: 'tam', traits: { pushToken: 'dGFt:APA91bH-uninstalled-app-0002' } });
    fcm.unregister('dGFt:APA91bH-uninstalled-app-0002');
    const before = fcm.messages.length;
    const gone = await deliver(deps(), { idempotencyKey: 'gone-1', customerId: 'tam', node: pushNode });
    expect(gone).toMatchObject({ status: 'failed', reason: expect.stringContaining('FCM 404 UNREGISTERED') });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'tam' } })).pushToken).toBeNull();
    const again = await deliver(deps(), { idempotencyKey: 'gone-2', customerId: 'tam', node: pushNode });
    expect(again, again.reason).toMatchObject({ status: 'no_address' });
    expect(fcm.messages.length).toBe(before);
  });

  it('a malformed token fails without being forgotten; a browser subscription is refused', async () => {
    await s.post('/v1/identify', { userId: 'vy', traits: { pushToken: 'short' } });
    expect(await deliver(deps(), { idempotencyKey: 'bad-1', customerId: 'vy', node: pushNode })).toMatchObject({ status: 'failed', reason: expect.stringContaining('FCM 400 INVALID_ARGUMENT') });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'vy' } })).pushToken).toBe('short');

    await s.post('/v1/identify', { userId: 'web', traits: { pushToken: JSON.stringify({ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { p256dh: 'a', auth: 'b' } }) } });
    expect(await deliver(deps(), { idempotencyKey: 'web-1', customerId: 'web', node: pushNode })).toMatchObject({ status: 'failed', reason: expect.stringContaining('not a valid Web Push subscription') });
  });
});
