/**
 * Chat through a WeChat Official Account on the real stack (embedded PostgreSQL, Temporal dev
 * server, worker, HTTP API). WeChat cannot be reached from here, so the provider is pointed
 * (WECHAT_API_URL) at a local stand-in that speaks WeChat's documented token, customer service and
 * template message APIs and signs its callback requests as WeChat does
 * (support/wechat-standin.ts). Checked: the callback URL's GET check echoes only for the token; a
 * journey's WeChat step reaches the follower's openid as a customer service text with one access
 * token; an expired token is fetched again on the retry; with a template chosen on the Channels
 * page the step is a template message, and its TEMPLATESENDJOBFINISH marks it delivered; errors
 * fail (43004 not a follower) or are retried; a text is "Message Replied" stored once;
 * unsubscribe suppresses (the next send is refused without reaching WeChat) and subscribe lifts;
 * forged and unsigned callbacks get 403 and change nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startWeChatStandIn, type WeChatStandIn } from './support/wechat-standin.js';

let s: Stack;
let wc: WeChatStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    wc = await startWeChatStandIn();
    return { WECHAT_APP_ID: wc.appId, WECHAT_APP_SECRET: wc.appSecret, WECHAT_TOKEN: wc.token, WECHAT_API_URL: wc.url };
  },
);
afterAll(() => wc?.close());

const OPENID = 'oLVPpjqs9BhvzwPj5A-vTYAX3GLc';
const hook = () => `${s.url}/v1/providers/wechat/events`;
const journey = {
  id: 'wx',
  name: 'WeChat',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Booked' },
    { id: 'chat', type: 'action.chat', app: 'wechat', body: '{{ customer.firstName }}，您的预约已确认。' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'chat' },
    { id: 'e2', source: 'chat', target: 'done' },
  ],
};
const rows = (customerId: string, count: number) =>
  eventually(
    () => s.db.message.findMany({ where: { journeyId: 'wx', customerId }, orderBy: { createdAt: 'asc' } }),
    (r) => r.length === count && r.every((m) => m.status !== 'claimed'),
  );
const chatNode = JourneyNode.parse(journey.nodes[1]) as MessageNode;
const deps = () => ({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } });
const base = { ToUserName: 'gh_9f3e1c5b7a2d', FromUserName: OPENID };

describe('chat through a WeChat Official Account (against a local stand-in of its API)', () => {
  it('answers the callback URL check only for the token', async () => {
    expect((await s.channels.describe()).find((c) => c.channel === 'chat')).toMatchObject({ provider: 'wechat', source: 'environment', configured: true });
    const ok = await wc.check(hook(), '5837397301622713000');
    expect([ok.status, await ok.text()]).toEqual([200, '5837397301622713000']);
    expect((await wc.check(hook(), '5837397301622713000', 'notthetoken')).status).toBe(403);
  });

  it('sends a journey step as a customer service text; an expired token is fetched again', async () => {
    wc.followers.add(OPENID);
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'li', traits: { firstName: '李娜', chatId: OPENID } });
    await s.post('/v1/track', { userId: 'li', event: 'Booked', messageId: 'li-1' });
    const [row] = await rows('li', 1);
    expect(row).toMatchObject({ status: 'sent', provider: 'wechat' });
    expect(wc.sent).toEqual([{ path: 'custom', body: { touser: OPENID, msgtype: 'text', text: { content: '李娜，您的预约已确认。' } } }]);
    expect(wc.tokenRequests).toBe(1);

    wc.expireTokens();
    await expect(deliver(deps(), { idempotencyKey: 'tok-1', customerId: 'li', node: chatNode })).rejects.toThrow('WeChat error 42001');
    expect(await deliver(deps(), { idempotencyKey: 'tok-1', customerId: 'li', node: chatNode })).toMatchObject({ status: 'sent' });
    expect(wc.tokenRequests).toBe(2);

    await s.post('/v1/identify', { userId: 'wang', traits: { chatId: 'oLVPpjnotafollower000000000' } });
    expect(await deliver(deps(), { idempotencyKey: 'nf-1', customerId: 'wang', node: chatNode })).toMatchObject({ status: 'failed', reason: 'wechat: WeChat error 43004: require subscribe' });
  }, 90_000);

  it('sends the template chosen on the Channels page; its job-finished event is the receipt', async () => {
    await s.channels.choose('chat', 'wechat', { templateId: wc.templateId, templateTextParam: 'remark' }, 'admin@test');
    const sent = await deliver(deps(), { idempotencyKey: 'tpl-1', customerId: 'li', node: chatNode });
    expect(sent).toMatchObject({ status: 'sent', provider: 'wechat' });
    const tpl = wc.sent.at(-1)!;
    expect(tpl).toMatchObject({ path: 'template', body: { touser: OPENID, template_id: wc.templateId, data: { remark: { value: '李娜，您的预约已确认。' } } } });
    const row = await s.db.message.findUniqueOrThrow({ where: { id: sent.messageId! } });
    expect(row.providerId).toBe(String(tpl.msgid));

    const finished = { ...base, CreateTime: 1764380000, MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: tpl.msgid!, Status: 'success' };
    expect((await wc.push(hook(), finished, { token: 'notthetoken' })).status).toBe(403);
    expect((await wc.push(hook(), finished, { unsigned: true })).status).toBe(403);
    expect((await s.db.message.findUniqueOrThrow({ where: { id: row.id } })).receipt).toBeNull();
    const ok = await wc.push(hook(), finished);
    expect([ok.status, await ok.text()]).toEqual([200, 'success']);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ receipt: 'delivered' });
  });

  it('hears texts, unsubscribe and subscribe', async () => {
    const text = { ...base, CreateTime: 1764380100, MsgType: 'text', Content: '可以改到周五吗？', MsgId: 23923482342342 };
    for (let i = 0; i < 2; i++) expect((await wc.push(hook(), text)).status).toBe(200);
    const replies = await s.db.event.findMany({ where: { customerId: 'li', name: 'Message Replied' } });
    expect(replies.map((e) => e.properties)).toEqual([{ channel: 'chat', provider: 'wechat', text: '可以改到周五吗？' }]);

    expect((await wc.push(hook(), { ...base, CreateTime: 1764380200, MsgType: 'event', Event: 'unsubscribe' })).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'li', removedAt: null } })).toMatchObject({ channel: 'chat', source: 'wechat-unsubscribe', reason: 'unsubscribed' });
    const before = wc.sent.length;
    await s.post('/v1/track', { userId: 'li', event: 'Booked', messageId: 'li-2' });
    expect((await rows('li', 2))[1]).toMatchObject({ status: 'suppressed' });
    expect(wc.sent).toHaveLength(before);

    expect((await wc.push(hook(), { ...base, CreateTime: 1764380300, MsgType: 'event', Event: 'subscribe' })).status).toBe(200);
    expect(await s.db.suppression.count({ where: { customerId: 'li', removedAt: null } })).toBe(0);
  }, 90_000);
});
