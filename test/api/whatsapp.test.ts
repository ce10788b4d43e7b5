/**
 * Chat through the WhatsApp Cloud API on the real stack (embedded PostgreSQL, Temporal dev
 * server, worker, HTTP API). Meta cannot be reached from here, so the provider is pointed
 * (WHATSAPP_API_URL) at a local stand-in that speaks the Graph API's documented messages endpoint
 * and signs its webhook notifications as Meta does (support/whatsapp-standin.ts). Checked: Meta's
 * GET handshake answers the challenge only for the verify token; a journey's WhatsApp step
 * reaches the customer's number as a text (the row's id as biz_opaque_callback_data), or as the
 * approved template chosen on the Channels page; signed statuses mark it delivered or failed,
 * and 131050 (stopped marketing messages) suppresses the chat address so the next send is
 * refused; incoming STOP / START suppress and lift, other texts are "Message Replied" stored
 * once; Graph errors fail (131026) or are retried (130429); forged and unsigned notifications
 * get 403 and change nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startWhatsAppStandIn, type WhatsAppStandIn } from './support/whatsapp-standin.js';

let s: Stack;
let wa: WhatsAppStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    wa = await startWhatsAppStandIn();
    return { WHATSAPP_ACCESS_TOKEN: wa.accessToken, WHATSAPP_APP_SECRET: wa.appSecret, WHATSAPP_VERIFY_TOKEN: wa.verifyToken, WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId, WHATSAPP_API_URL: wa.url };
  },
);
afterAll(() => wa?.close());

const hook = () => `${s.url}/v1/providers/whatsapp/events`;
const journey = {
  id: 'wa',
  name: 'WhatsApp',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Shipped' },
    { id: 'chat', type: 'action.chat', app: 'whatsapp', body: 'Hi {{ customer.firstName }}, your order has shipped.' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'chat' },
    { id: 'e2', source: 'chat', target: 'done' },
  ],
};
const rows = (customerId: string, count: number) =>
  eventually(
    () => s.db.message.findMany({ where: { journeyId: 'wa', customerId }, orderBy: { createdAt: 'asc' } }),
    (r) => r.length === count && r.every((m) => m.status !== 'claimed'),
  );
const chatNode = JourneyNode.parse(journey.nodes[1]) as MessageNode;
const deps = () => ({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } });
const status = (id: string, value: string, extra: Record<string, unknown> = {}) => ({ statuses: [{ id, status: value, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '84901234567', ...extra }] });

describe('chat through the WhatsApp Cloud API (against a local stand-in of the Graph API)', () => {
  it('answers Meta’s handshake only for the verify token', async () => {
    expect((await s.channels.describe()).find((c) => c.channel === 'chat')).toMatchObject({ provider: 'whatsapp', source: 'environment', configured: true, settings: { phoneNumberId: wa.phoneNumberId } });
    const ok = await wa.handshake(hook(), wa.verifyToken, '1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await wa.handshake(hook(), 'not-the-token', '1158201444')).status).toBe(403);
  });

  it('sends a journey step as a text; signed statuses mark it delivered, forged ones change nothing', async () => {
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'hoa', traits: { firstName: 'Hoa', chatId: '84901234567' } });
    await s.post('/v1/track', { userId: 'hoa', event: 'Shipped', messageId: 'hoa-1' });
    const [row] = await rows('hoa', 1);
    expect(wa.messages).toHaveLength(1);
    expect(wa.messages[0]!.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '84901234567', type: 'text', text: { preview_url: false, body: 'Hi Hoa, your order has shipped.' }, biz_opaque_callback_data: row!.id });
    expect(row).toMatchObject({ status: 'sent', provider: 'whatsapp', providerId: wa.messages[0]!.id });

    const delivered = status(row!.providerId!, 'delivered', { biz_opaque_callback_data: row!.id });
    expect((await wa.event(hook(), delivered, { secret: 'not-the-app-secret' })).status).toBe(403);
    expect((await wa.event(hook(), delivered, { unsigned: true })).status).toBe(403);
    expect((await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).receipt).toBeNull();
    for (let i = 0; i < 2; i++) expect((await wa.event(hook(), delivered)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ receipt: 'delivered' });
    expect(await s.db.event.count({ where: { customerId: 'hoa', name: 'Message Delivered' } })).toBe(1);
  }, 90_000);

  it('hears replies, STOP and START', async () => {
    const text = (id: string, body: string) => ({ contacts: [{ profile: { name: 'Hoa' }, wa_id: '84901234567' }], messages: [{ from: '84901234567', id, timestamp: '1764380000', type: 'text', text: { body } }] });
    for (let i = 0; i < 2; i++) expect((await wa.event(hook(), text('wamid.in1', 'When will it arrive?'))).status).toBe(200);
    const replies = await s.db.event.findMany({ where: { customerId: 'hoa', name: 'Message Replied' } });
    expect(replies.map((e) => e.properties)).toEqual([{ channel: 'chat', provider: 'whatsapp', text: 'When will it arrive?' }]);

    expect((await wa.event(hook(), text('wamid.in2', 'STOP'))).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'hoa', removedAt: null } })).toMatchObject({ channel: 'chat', source: 'whatsapp-stop', reason: 'unsubscribed' });
    await s.post('/v1/track', { userId: 'hoa', event: 'Shipped', messageId: 'hoa-2' });
    expect((await rows('hoa', 2))[1]).toMatchObject({ status: 'suppressed', policyCode: 'unsubscribed' });
    expect(wa.messages).toHaveLength(1);

    expect((await wa.event(hook(), text('wamid.in3', 'Start'))).status).toBe(200);
    expect(await s.db.suppression.count({ where: { customerId: 'hoa', removedAt: null } })).toBe(0);
  }, 90_000);

  it('sends the approved template chosen on the Channels page; 131050 suppresses the number', async () => {
    await s.channels.choose('chat', 'whatsapp', { phoneNumberId: wa.phoneNumberId, templateName: wa.templateName, templateLanguage: 'en_US' }, 'admin@test');
    const sent = await deliver(deps(), { idempotencyKey: 'tpl-1', customerId: 'hoa', node: chatNode, journey: { id: 'wa', name: 'WhatsApp' } });
    expect(sent).toMatchObject({ status: 'sent', provider: 'whatsapp' });
    expect(wa.messages.at(-1)!.body).toMatchObject({ to: '84901234567', type: 'template', template: { name: 'order_update', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Hi Hoa, your order has shipped.' }] }] } });

    const row = await s.db.message.findUniqueOrThrow({ where: { id: sent.messageId! } });
    const failed = status(row.providerId!, 'failed', { errors: [{ code: 131050, title: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.' }] });
    expect((await wa.event(hook(), failed)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'failed', receipt: 'failed', reason: expect.stringContaining('error 131050') });
    expect(await s.db.suppression.findFirst({ where: { customerId: 'hoa', removedAt: null } })).toMatchObject({ channel: 'chat', source: 'whatsapp-stop' });
  });

  it('maps Graph errors to failed or retried, and refuses other chat apps', async () => {
    await s.post('/v1/identify', { userId: 'lan', traits: { chatId: '+84 90 765 4321' } });
    wa.failNext(400, 131026, 'Message undeliverable');
    expect(await deliver(deps(), { idempotencyKey: 'err-1', customerId: 'lan', node: chatNode })).toMatchObject({ status: 'failed', reason: 'whatsapp: WhatsApp 400 (error 131026): Message undeliverable' });
    wa.failNext(400, 130429, 'Rate limit hit');
    await expect(deliver(deps(), { idempotencyKey: 'err-2', customerId: 'lan', node: chatNode })).rejects.toThrow('error 130429');
    expect(await deliver(deps(), { idempotencyKey: 'err-2', customerId: 'lan', node: chatNode })).toMatchObject({ status: 'sent' });
    expect(wa.messages.at(-1)!.body.to).toBe('84907654321');

    const zalo = JourneyNode.parse({ ...journey.nodes[1], app: 'zalo' }) as MessageNode;
    expect(await deliver(deps(), { idempotencyKey: 'err-3', customerId: 'lan', node: zalo })).toMatchObject({ status: 'failed', reason: 'whatsapp: the chat channel is carried by WhatsApp: a zalo message cannot be sent through it' });
  });
});
