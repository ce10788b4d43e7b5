/**
 * Web Push on the real stack (embedded PostgreSQL, Temporal dev server, worker, HTTP API) with
 * the `web-push` package. No browser push service can be reached from here, so subscriptions
 * point at a local stand-in (support/push-standin.ts) that checks every request as RFC 8030,
 * 8291 and 8292 say (VAPID JWT signed with the advertised key, audience, expiry, contact; TTL,
 * Urgency, Topic, aes128gcm) and decrypts the payload with the subscriber's keys, computed
 * independently of `web-push`. Checked: the VAPID key pair is generated once and kept; the
 * snippet carries it; a subscription needs the write key and an allowed push service; a
 * journey's push arrives decrypted with its rendered content; an expired subscription (410)
 * is a permanent failure, recorded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startPushStandIn, type PushStandIn } from './support/push-standin.js';

let s: Stack;
let push: PushStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    push = await startPushStandIn();
    return {};
  },
);
afterAll(() => push?.close());

const hook = (name: string) => `${s.url}/v1/providers/web-push/${name}`;
const subscribe = (body: unknown, key: string | null = s.writeKey) =>
  fetch(`${hook('subscribe')}${key === null ? '' : `?key=${encodeURIComponent(key)}`}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body) });

const pushJourney = {
  id: 'push',
  name: 'Push',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'signed-up', type: 'trigger.event', event: 'Signed Up' },
    { id: 'ping', type: 'action.push', title: 'Chào {{ customer.firstName }}', body: 'Đơn hàng của bạn đã sẵn sàng', url: 'https://shop.example/orders' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'signed-up', target: 'ping' },
    { id: 'e2', source: 'ping', target: 'done' },
  ],
};

describe('Web Push (the web-push package against a local push service stand-in)', () => {
  it('serves the browser snippet with a VAPID key generated once and kept, and the service worker', async () => {
    const res = await fetch(hook('snippet.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const js = await res.text();
    const kept = await s.db.workspaceSetting.findUniqueOrThrow({ where: { key: 'provider.web-push.vapid' } });
    const { publicKey } = kept.value as { publicKey: string };
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(js).toContain(JSON.stringify(publicKey));
    // The subscribe URL is built on the public URL (CAIRN_PUBLIC_URL, here http://localhost:PORT).
    expect(js).toContain(`"http://localhost:${new URL(s.url).port}/v1/providers/web-push/subscribe"`);
    // The same key on the next request (kept, not generated again).
    expect(await (await fetch(hook('snippet.js'))).text()).toBe(js);
    expect(await (await fetch(hook('sw.js'))).text()).toContain("addEventListener('push'");
    expect((await fetch(hook('snippet.js'), { method: 'POST' })).status).toBe(405);
  });

  it('takes a subscription only with the write key and on an allowed push service', async () => {
    // The stand-in's host must be allowed first (the browsers' push services are by default).
    const browser = push.subscribe();
    expect((await subscribe({ userId: 'mai', subscription: browser.subscription })).status).toBe(400);
    await s.caller.channels.update({ channel: 'push', provider: 'web-push', settings: { subject: 'mailto:ops@shop.example', endpointHosts: ['127.0.0.1'] } });
    expect((await subscribe({ userId: 'mai', subscription: browser.subscription }, null)).status).toBe(401);
    expect((await subscribe({ userId: 'mai', subscription: browser.subscription }, 'wrong-key-123')).status).toBe(401);
    expect((await subscribe({ userId: 'mai', subscription: { ...browser.subscription, endpoint: 'https://internal.example/admin' } })).status).toBe(400);
    expect((await subscribe({ userId: 'mai', subscription: { endpoint: browser.subscription.endpoint } })).status).toBe(400);
    expect(await s.db.customer.findUnique({ where: { id: 'mai' } })).toBeNull();

    const ok = await subscribe({ userId: 'mai', subscription: browser.subscription });
    expect(ok.status).toBe(200);
    const customer = await s.db.customer.findUniqueOrThrow({ where: { id: 'mai' } });
    expect(JSON.parse(customer.pushToken ?? '')).toEqual(browser.subscription);
  });

  it('delivers a journey push, VAPID-signed and encrypted, and records the push service id', async () => {
    const mai = JSON.parse((await s.db.customer.findUniqueOrThrow({ where: { id: 'mai' } })).pushToken ?? '{}') as { endpoint: string };
    await s.publish(pushJourney);
    await s.post('/v1/identify', { userId: 'mai', traits: { firstName: 'Mai' } });
    await s.post('/v1/track', { userId: 'mai', event: 'Signed Up', messageId: 'mai-1' });
    const [row] = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'push', customerId: 'mai' } }),
      (rows) => rows.length === 1 && rows[0]!.status !== 'claimed',
    );
    expect(push.refused).toEqual([]);
    expect(push.received).toHaveLength(1);
    const got = push.received[0]!;
    expect(row).toMatchObject({ status: 'sent', provider: 'web-push', providerId: got.location });
    const payload = got.payload as { click: string };
    expect(payload).toEqual({ title: 'Chào Mai', body: 'Đơn hàng của bạn đã sẵn sàng', url: 'https://shop.example/orders', tag: row!.id, click: expect.stringMatching(/\/v1\/providers\/web-push\/click\?m=.+&t=[\w-]{32}$/) });

    // The service worker reports a click to the signed link: one "Push Clicked" event, however often.
    const click = new URL(payload.click);
    const clickAt = `${s.url}${click.pathname}${click.search}`;
    const forged = new URL(clickAt);
    forged.searchParams.set('t', 'A'.repeat(32));
    expect((await fetch(forged, { method: 'POST' })).status).toBe(403);
    const other = new URL(clickAt);
    other.searchParams.set('m', 'another-message');
    expect((await fetch(other, { method: 'POST' })).status).toBe(403);
    expect((await fetch(clickAt, { method: 'POST' })).status).toBe(204);
    expect((await fetch(clickAt, { method: 'POST' })).status).toBe(204);
    const clicks = await s.db.event.findMany({ where: { customerId: 'mai', name: 'Push Clicked' } });
    expect(clicks.map((e) => e.properties)).toEqual([{ messageId: row!.id, channel: 'push', provider: 'web-push', journeyId: 'push', nodeId: 'ping' }]);
    expect(got.claims).toMatchObject({ aud: push.url, sub: 'mailto:ops@shop.example' });
    const kept = await s.db.workspaceSetting.findUniqueOrThrow({ where: { key: 'provider.web-push.vapid' } });
    expect(got.vapidKey).toBe((kept.value as { publicKey: string }).publicKey);
    expect(got.headers).toMatchObject({ ttl: '86400', urgency: 'normal', 'content-encoding': 'aes128gcm' });
    expect(got.headers.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(mai.endpoint).toBe(`${push.url}/push/${got.subscriptionId}`);
  }, 90_000);

  it('records an expired subscription (410) as a permanent failure, without retrying, and forgets it', async () => {
    push.expire(push.received[0]!.subscriptionId);
    await s.post('/v1/track', { userId: 'mai', event: 'Signed Up', messageId: 'mai-2' });
    const rows = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'push', customerId: 'mai' }, orderBy: { createdAt: 'asc' } }),
      (r) => r.length === 2 && r[1]!.status !== 'claimed',
    );
    expect(rows[1]).toMatchObject({ status: 'failed', provider: 'web-push', reason: expect.stringContaining('push subscription has expired (410)') });
    expect(push.received).toHaveLength(1);
    // The dead subscription is forgotten: the next send has no address, and the push service is not called.
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'mai' } })).pushToken).toBeNull();
    await s.post('/v1/track', { userId: 'mai', event: 'Signed Up', messageId: 'mai-3' });
    const third = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'push', customerId: 'mai' }, orderBy: { createdAt: 'asc' } }),
      (r) => r.length === 3 && r[2]!.status !== 'claimed',
    );
    expect(third[2]).toMatchObject({ status: 'no_address' });
    expect(push.refused).toEqual([]);
  }, 90_000);
});
