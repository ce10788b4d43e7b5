/**
 * Chat through Zalo on the real stack (embedded PostgreSQL, Temporal dev server, worker, HTTP
 * API). Zalo cannot be reached from here, so the provider is pointed (ZALO_API_URL) at a local
 * stand-in that speaks Zalo's documented Official Account and ZNS APIs and signs its webhook
 * events as Zalo documents (support/zalo-standin.ts). Checked: a journey's chat step reaches a
 * follower as an OA message and a customer known by phone as a ZNS template message (84… phone,
 * the template from the Channels page settings, the step's text as its parameter, the message
 * row's id as tracking_id); Zalo's error codes fail the message (-108 bad phone) or are retried
 * (-133 outside the sending hours: thrown to the activity's retry); a non-Zalo chat app is
 * refused; a signed `user_received_message` marks the message delivered (by msg_id, or by
 * tracking_id); `user_send_text` is a "Message Replied" event stored once; `unfollow`
 * suppresses the chat address (the next send is refused without reaching Zalo) and `follow`
 * lifts it; forged, unsigned and foreign-app events get 403 and change nothing; an access token
 * Zalo refuses is renewed with the refresh token and the send goes through, the rotated pair is
 * kept in the database (the stand-in refuses a spent refresh token, so a second renewal proves it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startZaloStandIn, type ZaloStandIn } from './support/zalo-standin.js';

let s: Stack;
let zs: ZaloStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    zs = await startZaloStandIn();
    return { ZALO_ACCESS_TOKEN: zs.accessToken, ZALO_APP_ID: zs.appId, ZALO_APP_SECRET: zs.appSecret, ZALO_REFRESH_TOKEN: zs.refreshToken, ZALO_OA_SECRET_KEY: zs.secretKey, ZALO_API_URL: zs.url };
  },
);
afterAll(() => zs?.close());

const FOLLOWER = '2512523625412515';
const hook = () => `${s.url}/v1/providers/zalo/events`;
const journey = {
  id: 'zalo',
  name: 'Zalo',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Ordered' },
    { id: 'chat', type: 'action.chat', app: 'zalo', body: 'Xin chào {{ customer.firstName }}, đơn hàng đã được giao.' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'chat' },
    { id: 'e2', source: 'chat', target: 'done' },
  ],
};
const rows = (customerId: string, count: number) =>
  eventually(
    () => s.db.message.findMany({ where: { journeyId: 'zalo', customerId }, orderBy: { createdAt: 'asc' } }),
    (r) => r.length === count && r.every((m) => m.status !== 'claimed'),
  );
const node = (body: string, app = 'zalo') => JourneyNode.parse({ ...journey.nodes[1], body, app }) as MessageNode;
const deps = () => ({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } });

describe('chat through Zalo (OA and ZNS APIs against a local stand-in)', () => {
  it('sends a journey chat step to a follower as an OA message; a signed receipt marks it delivered', async () => {
    expect((await s.channels.describe()).find((c) => c.channel === 'chat')).toMatchObject({ provider: 'zalo', source: 'environment', configured: true, inboundUrls: { events: expect.stringMatching(/\/v1\/providers\/zalo\/events$/) } });
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'an', traits: { firstName: 'An', chatId: FOLLOWER } });
    await s.post('/v1/track', { userId: 'an', event: 'Ordered', messageId: 'an-1' });
    const [row] = await rows('an', 1);
    expect(zs.oa).toHaveLength(1);
    expect(zs.oa[0]!.body).toEqual({ recipient: { user_id: FOLLOWER }, message: { text: 'Xin chào An, đơn hàng đã được giao.' } });
    expect(row).toMatchObject({ status: 'sent', provider: 'zalo', providerId: zs.oa[0]!.messageId });

    const received = { event_name: 'user_received_message', sender: { id: zs.oaId }, recipient: { id: FOLLOWER }, message: { msg_id: row!.providerId, delivery_time: String(Date.now()) } };
    expect((await zs.event(hook(), received, { secret: 'not-the-secret' })).status).toBe(403);
    expect((await zs.event(hook(), received, { unsigned: true })).status).toBe(403);
    expect((await zs.event(hook(), received, { appId: '1111111111111111111' })).status).toBe(403);
    expect((await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).receipt).toBeNull();
    for (let i = 0; i < 2; i++) expect((await zs.event(hook(), received)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: 'sent', receipt: 'delivered' });
    expect(await s.db.event.count({ where: { customerId: 'an', name: 'Message Delivered' } })).toBe(1);
  }, 90_000);

  it('reaches a customer known by phone with the ZNS template set on the Channels page', async () => {
    await s.post('/v1/identify', { userId: 'binh', traits: { firstName: 'Bình', chatId: '0912 345 678' } });
    // No template chosen yet: the message fails with the reason, nothing reaches Zalo.
    await s.post('/v1/track', { userId: 'binh', event: 'Ordered', messageId: 'binh-1' });
    const [first] = await rows('binh', 1);
    expect(first).toMatchObject({ status: 'failed', reason: 'zalo: this customer is reached by phone (ZNS), and no ZNS template is set on the Channels page' });
    expect(zs.zns).toHaveLength(0);

    await s.channels.choose('chat', 'zalo', { znsTemplateId: zs.templateId, znsTextParam: 'note' }, 'admin@test');
    const sent = await deliver(deps(), { idempotencyKey: 'zns-1', customerId: 'binh', node: node('Xin chào {{ customer.firstName }}'), journey: { id: 'zalo', name: 'Zalo' } });
    expect(sent).toMatchObject({ status: 'sent', provider: 'zalo' });
    expect(zs.zns).toHaveLength(1);
    expect(zs.zns[0]!.body).toEqual({ phone: '84912345678', template_id: zs.templateId, template_data: { note: 'Xin chào Bình' }, tracking_id: sent.messageId });

    // A JSON object of parameters is the template's data as it stands.
    const json = await deliver(deps(), { idempotencyKey: 'zns-2', customerId: 'binh', node: node('{"customer_name": "{{ customer.firstName }}", "order_code": "DH42"}') });
    expect(json.status).toBe('sent');
    expect(zs.zns[1]!.body.template_data).toEqual({ customer_name: 'Bình', order_code: 'DH42' });

    // The ZNS receipt names the row by tracking_id.
    expect((await zs.event(hook(), { event_name: 'user_received_message', sender: { id: zs.oaId }, recipient: { id: '8123' }, message: { msg_id: 'not-recorded', tracking_id: json.messageId } })).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: json.messageId! } })).toMatchObject({ receipt: 'delivered' });
  }, 90_000);

  it('maps Zalo error codes to failed or retried, and refuses other chat apps', async () => {
    zs.failNext(-108, 'Phone number is invalid');
    expect(await deliver(deps(), { idempotencyKey: 'err-1', customerId: 'binh', node: node('Hi') })).toMatchObject({ status: 'failed', reason: 'zalo: Zalo error -108: Phone number is invalid' });

    // Outside ZNS sending hours: thrown, so the activity retries; the row stays claimed for it.
    zs.failNext(-133, 'Sending time is not allowed');
    await expect(deliver(deps(), { idempotencyKey: 'err-2', customerId: 'binh', node: node('Hi') })).rejects.toThrow('Zalo error -133');
    const retried = await deliver(deps(), { idempotencyKey: 'err-2', customerId: 'binh', node: node('Hi') });
    expect(retried).toMatchObject({ status: 'sent', provider: 'zalo' });

    const before = zs.oa.length + zs.zns.length;
    expect(await deliver(deps(), { idempotencyKey: 'err-3', customerId: 'an', node: node('Hi', 'whatsapp') })).toMatchObject({
      status: 'failed',
      reason: 'zalo: the chat channel is carried by Zalo: a whatsapp message cannot be sent through it',
    });
    expect(zs.oa.length + zs.zns.length).toBe(before);
  });

  it('renews a refused access token with the rotating refresh token, kept in the database', async () => {
    for (let round = 1; round <= 2; round++) {
      zs.expireAccessTokens();
      expect(await deliver(deps(), { idempotencyKey: `renew-${round}`, customerId: 'an', node: node('Hi') })).toMatchObject({ status: 'sent', provider: 'zalo' });
      expect(zs.refreshes).toBe(round);
    }
    const kept = await s.db.workspaceSetting.findUniqueOrThrow({ where: { key: 'provider.zalo.oauth' } });
    expect(kept.value).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresAt: expect.any(Number) });
    expect((kept.value as { refreshToken: string }).refreshToken).not.toBe(zs.refreshToken);
  });

  it('hears replies, unfollows and follows from the OA webhook', async () => {
    const text = { event_name: 'user_send_text', sender: { id: FOLLOWER }, recipient: { id: zs.oaId }, message: { msg_id: 'reply-1', text: 'Còn size M không?' } };
    for (let i = 0; i < 2; i++) expect((await zs.event(hook(), text)).status).toBe(200);
    const replies = await s.db.event.findMany({ where: { customerId: 'an', name: 'Message Replied' } });
    expect(replies.map((e) => e.properties)).toEqual([{ channel: 'chat', provider: 'zalo', text: 'Còn size M không?' }]);

    expect((await zs.event(hook(), { event_name: 'unfollow', oa_id: zs.oaId, follower: { id: FOLLOWER }, source: 'oa_profile' })).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'an', removedAt: null } })).toMatchObject({ channel: 'chat', reason: 'unsubscribed', source: 'zalo-unfollow', hard: true });
    const sentBefore = zs.oa.length;
    await s.post('/v1/track', { userId: 'an', event: 'Ordered', messageId: 'an-2' });
    const after = await rows('an', 2);
    expect(after[1]).toMatchObject({ status: 'suppressed', policyCode: 'unsubscribed' });
    expect(zs.oa).toHaveLength(sentBefore);

    expect((await zs.event(hook(), { event_name: 'follow', oa_id: zs.oaId, follower: { id: FOLLOWER }, source: 'oa_profile' })).status).toBe(200);
    expect(await s.db.suppression.count({ where: { customerId: 'an', removedAt: null } })).toBe(0);
  }, 90_000);
});
