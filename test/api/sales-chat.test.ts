/**
 * The sales handoff's chat, on the real stack (embedded PostgreSQL, Temporal dev server, worker):
 * the rep sends the ice-breaker by chat (WhatsApp, through the delivery policy, against the local
 * stand-in of the Graph API, support/whatsapp-standin.ts), once per task and app; a customer
 * suppressed on chat is refused and nothing reaches the vendor. The team hears of new and
 * escalated tasks in its team chat, a Slack incoming webhook (support/slack-webhook-standin.ts);
 * a removed webhook is recorded on the task and the task is made all the same.
 */
import { createCaller } from '@cairn/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackWebhookStandIn, type SlackWebhookStandIn } from './support/slack-webhook-standin.js';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startWhatsAppStandIn, type WhatsAppStandIn } from './support/whatsapp-standin.js';

let s: Stack;
let wa: WhatsAppStandIn;
let slack: SlackWebhookStandIn;
useStack(
  (stack) => (s = stack),
  async () => {
    [wa, slack] = await Promise.all([startWhatsAppStandIn(), startSlackWebhookStandIn()]);
    return { WHATSAPP_ACCESS_TOKEN: wa.accessToken, WHATSAPP_APP_SECRET: wa.appSecret, WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId, WHATSAPP_API_URL: wa.url };
  },
);
afterAll(() => Promise.all([wa?.close(), slack?.close()]));

const PASSWORD = 'a long enough password 1';
const as = async (email: string) => {
  const u = await s.db.user.findUniqueOrThrow({ where: { email } });
  return createCaller({ db: s.db, runner: s.runner, clock: { now: () => Date.now() }, user: { id: u.id, email: u.email, name: u.name, role: u.role as 'admin' | 'member' }, channels: s.channels });
};

const journey = (id: string, team: string, assign: Record<string, unknown> = {}) => ({
  id,
  name: id,
  nodes: [
    { id: 'order', type: 'trigger.event', event: `${id} order` },
    { id: 'assign', type: 'action.assignRep', team, routing: 'roundRobin', taskTitle: 'Call {{ customer.firstName }}', iceBreaker: 'Chào {{ customer.firstName }}, cảm ơn bạn đã mua hàng! Bạn thấy thế nào?', ...assign },
    { id: 'end', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'order', target: 'assign' },
    ...(assign.waitForOutcome
      ? [{ id: 'e2', source: 'assign', sourceHandle: 'won', target: 'end' }, { id: 'e3', source: 'assign', sourceHandle: 'timeout', target: 'end' }]
      : [{ id: 'e2', source: 'assign', target: 'end' }]),
  ],
});
const enter = async (id: string, customer: string, traits: Record<string, unknown>) => {
  await s.post('/v1/identify', { userId: customer, traits });
  await s.post('/v1/track', { userId: customer, event: `${id} order`, messageId: `${customer}-${id}` });
  const task = await eventually(() => s.db.salesTask.findFirst({ where: { customerId: customer, journeyId: id } }), (t) => t !== null);
  if (!task) throw new Error(`no task for ${customer}`);
  return task;
};
const logs = (taskId: string) => s.db.salesTaskLog.findMany({ where: { taskId }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  for (const email of ['linh@shop.example', 'boss@shop.example']) await s.caller.users.create({ email, name: email.split('@')[0] ?? '', role: 'member', password: PASSWORD });
  await s.caller.sales.saveTeam({ name: 'hcm', leadEmail: 'boss@shop.example', chatWebhookUrl: slack.webhookUrl });
  await s.caller.sales.saveTeam({ name: 'hanoi', chatWebhookUrl: slack.goneUrl });
  const hours = { timeZone: 'Asia/Ho_Chi_Minh', workStart: '00:00', workEnd: '00:00', workDays: [1, 2, 3, 4, 5, 6, 7] };
  await s.caller.sales.saveRep({ email: 'linh@shop.example', team: 'hcm', ...hours });
  await s.caller.sales.saveRep({ email: 'boss@shop.example', ...hours });
}, 60_000);

describe('sales handoff over chat', () => {
  it('a team chat must be an http(s) URL', async () => {
    await expect(s.caller.sales.saveTeam({ name: 'bad', chatWebhookUrl: 'ftp://hooks.example/x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Saved again without the field, a team keeps its webhook; empty clears it.
    await s.caller.sales.saveTeam({ name: 'keep', chatWebhookUrl: 'https://hooks.example/keep' });
    await s.caller.sales.saveTeam({ name: 'keep', leadEmail: 'boss@shop.example' });
    expect((await s.db.salesTeam.findUniqueOrThrow({ where: { name: 'keep' } })).chatWebhookUrl).toBe('https://hooks.example/keep');
    await s.caller.sales.saveTeam({ name: 'keep', chatWebhookUrl: '' });
    expect((await s.db.salesTeam.findUniqueOrThrow({ where: { name: 'keep' } })).chatWebhookUrl).toBeNull();
    expect((await s.caller.sales.reps()).teams.find((t) => t.name === 'hcm')?.chatWebhookUrl).toBe(slack.webhookUrl);
  });

  it('the team chat hears of the new task; the rep sends the ice-breaker by WhatsApp, once', async () => {
    await s.publish(journey('zchat', 'hcm'));
    const task = await enter('zchat', 'an', { firstName: 'An', email: 'an@example.test', chatId: '84901111222' });
    const post = await eventually(async () => slack.posts.find((p) => p.text.includes(task.id)), (p) => p !== undefined);
    // The link is absolute: it is opened from the chat app, not from Cairn.
    expect(post?.text).toMatch(new RegExp(`^New normal task for linh@shop\\.example: Call An \\(due ${task.dueAt.toISOString().replace(/\./g, '\\.')}\\)\\. Open it in Cairn: https?://[^/\\s]+/#/tasks/${task.id}$`));
    expect((await eventually(() => logs(task.id), (l) => l.some((x) => x.note.startsWith('team chat')))).map((l) => [l.kind, l.note]).filter(([, n]) => n?.startsWith('team chat'))).toEqual([['notified', 'team chat of hcm']]);

    const rep = await as('linh@shop.example');
    await expect(rep.sales.send({ id: task.id, channel: 'chat' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const sent = await rep.sales.send({ id: task.id, channel: 'chat', app: 'whatsapp' });
    expect([sent.status, sent.replayed]).toEqual(['sent', false]);
    expect(wa.messages.map((m) => [m.body.to, m.body.type, m.body.text?.body])).toEqual([['84901111222', 'text', 'Chào An, cảm ơn bạn đã mua hàng! Bạn thấy thế nào?']]);
    const row = await s.db.message.findUniqueOrThrow({ where: { id: sent.messageId ?? '' } });
    expect([row.channel, row.provider, row.status, row.providerId, row.topic]).toEqual(['chat', 'whatsapp', 'sent', wa.messages[0]?.id, 'sales']);
    expect((await rep.sales.send({ id: task.id, channel: 'chat', app: 'whatsapp' })).replayed).toBe(true);
    expect(wa.messages).toHaveLength(1);
    const after = await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after.firstContactAt).not.toBeNull();
    expect((await logs(task.id)).filter((l) => l.kind === 'message').map((l) => l.note)).toEqual(['chat (whatsapp)', 'chat (whatsapp) (already sent)']);
  }, 90_000);

  it('a customer suppressed on chat: the page says so and the chat send is refused before WhatsApp', async () => {
    await s.post('/v1/identify', { userId: 'binh', traits: { firstName: 'Bình', chatId: '84903333444' } });
    await s.caller.suppressions.add({ customerId: 'binh', channel: 'chat', reason: 'refused_contact', source: 'api' });
    const task = await enter('zchat', 'binh', { firstName: 'Bình', chatId: '84903333444' });
    const rep = await as('linh@shop.example');
    expect((await rep.sales.task({ id: task.id })).doNotContact.channels).toEqual(['chat']);
    const before = wa.messages.length;
    await expect(rep.sales.send({ id: task.id, channel: 'chat', app: 'whatsapp' })).rejects.toThrow(/^do not contact/);
    expect(wa.messages).toHaveLength(before);
    expect((await logs(task.id)).filter((l) => l.kind === 'refused').map((l) => l.note)).toEqual([expect.stringMatching(/^chat \(whatsapp\): the customer refused contact on chat \(refused contact, since /)]);
    expect((await s.db.message.findFirstOrThrow({ where: { customerId: 'binh', channel: 'chat' } })).status).toBe('suppressed');
  }, 90_000);

  it('an escalation reaches the team chat; a removed webhook is recorded on the task, which is made all the same', async () => {
    await s.publish(journey('zlate', 'hcm', { waitForOutcome: true, dueIn: { amount: 0, unit: 'minutes' }, timeoutAfter: { amount: 0, unit: 'minutes' } }));
    const late = await enter('zlate', 'chi', { firstName: 'Chi', chatId: '84905555666' });
    const post = await eventually(async () => slack.posts.find((p) => p.text.startsWith('Escalated') && p.text.includes(late.id)), (p) => p !== undefined);
    expect(post?.text).toMatch(/^Escalated: Call Chi\. no outcome by .*; escalated to the team lead boss@shop\.example\. Open it in Cairn: https?:\/\/[^/\s]+\/#\/tasks\//);

    await s.publish(journey('zhanoi', 'hanoi'));
    const count = slack.posts.length;
    const task = await enter('zhanoi', 'dung', { firstName: 'Dũng' });
    const failed = await eventually(() => logs(task.id), (l) => l.some((x) => x.kind === 'notify-failed'));
    expect(failed.filter((l) => l.kind === 'notify-failed').map((l) => l.note)).toEqual(['team chat of hanoi: team chat answered 404: no_service']);
    expect(slack.posts).toHaveLength(count);
  }, 90_000);
});
