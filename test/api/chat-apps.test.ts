/**
 * Two chat apps at once on the real stack (embedded PostgreSQL, Temporal dev server, worker, HTTP
 * API): Zalo carries the chat channel and WhatsApp is configured in the environment too. Neither
 * vendor can be reached from here, so both providers are pointed at local stand-ins of their
 * documented APIs (support/zalo-standin.ts, support/whatsapp-standin.ts). Checked: the Channels
 * page's data names the route (WhatsApp steps through WhatsApp, with its webhook URL); one
 * journey's Zalo step reaches Zalo and its WhatsApp step reaches WhatsApp, each row naming its
 * provider; WhatsApp's signed status receipt finds its row; a WeChat step, which nothing
 * configured carries, fails naming the channel's provider.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startWhatsAppStandIn, type WhatsAppStandIn } from './support/whatsapp-standin.js';
import { startZaloStandIn, type ZaloStandIn } from './support/zalo-standin.js';

let s: Stack;
let zs: ZaloStandIn;
let wa: WhatsAppStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    [zs, wa] = await Promise.all([startZaloStandIn(), startWhatsAppStandIn()]);
    return {
      ZALO_ACCESS_TOKEN: zs.accessToken,
      ZALO_API_URL: zs.url,
      WHATSAPP_ACCESS_TOKEN: wa.accessToken,
      WHATSAPP_APP_SECRET: wa.appSecret,
      WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      WHATSAPP_API_URL: wa.url,
    };
  },
);
afterAll(() => Promise.all([zs?.close(), wa?.close()]));

const journey = {
  id: 'two-apps',
  name: 'Two apps',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Shipped' },
    { id: 'zalo', type: 'action.chat', app: 'zalo', body: 'Xin chào {{ customer.firstName }}' },
    { id: 'wa', type: 'action.chat', app: 'whatsapp', body: 'Hi {{ customer.firstName }}' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'zalo' },
    { id: 'e2', source: 'zalo', target: 'wa' },
    { id: 'e3', source: 'wa', target: 'done' },
  ],
};

describe('chat steps of two apps, through Zalo and WhatsApp (local stand-ins)', () => {
  it('routes each step to its app’s provider and records it on the row', async () => {
    const chat = (await s.channels.describe()).find((c) => c.channel === 'chat');
    expect(chat).toMatchObject({ provider: 'zalo', routes: [{ app: 'whatsapp', provider: 'whatsapp', title: 'WhatsApp', inboundUrls: { events: s.channels.inboundUrl('whatsapp', 'events') } }] });

    // One chat id for both apps: a phone number is a WhatsApp number and reaches Zalo by ZNS.
    await s.channels.choose('chat', 'zalo', { znsTemplateId: zs.templateId }, 'admin@test');
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'khanh', traits: { firstName: 'Khánh', chatId: '84901234567' } });
    await s.post('/v1/track', { userId: 'khanh', event: 'Shipped', messageId: 'khanh-1' });
    const rows = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'two-apps', customerId: 'khanh' }, orderBy: { createdAt: 'asc' } }),
      (r) => r.length === 2 && r.every((m) => m.status !== 'claimed'),
    );
    expect(rows.map((r) => [r.nodeId, r.status, r.provider])).toEqual([
      ['zalo', 'sent', 'zalo'],
      ['wa', 'sent', 'whatsapp'],
    ]);
    expect(zs.zns.map((m) => [m.body.phone, m.body.template_data])).toEqual([['84901234567', { content: 'Xin chào Khánh' }]]);
    expect(wa.messages.map((m) => [m.body.to, m.body.text?.body])).toEqual([['84901234567', 'Hi Khánh']]);
    expect(rows[1]!.providerId).toBe(wa.messages[0]!.id);

    const receipt = { statuses: [{ id: rows[1]!.providerId, status: 'delivered', timestamp: '1764380000', recipient_id: '84901234567', biz_opaque_callback_data: rows[1]!.id }] };
    expect((await wa.event(`${s.url}/v1/providers/whatsapp/events`, receipt)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: rows[1]!.id } })).toMatchObject({ receipt: 'delivered' });

    const wechat = JourneyNode.parse({ ...journey.nodes[1], id: 'wx', app: 'wechat' }) as MessageNode;
    const refused = await deliver({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } }, { idempotencyKey: 'wx-1', customerId: 'khanh', node: wechat });
    expect(refused).toMatchObject({ status: 'failed', provider: 'zalo', reason: 'zalo: the chat channel is carried by Zalo: a wechat message cannot be sent through it' });
  }, 90_000);
});
