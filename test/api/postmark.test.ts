/**
 * Email through Postmark on the real stack (embedded PostgreSQL, Temporal dev server, worker,
 * HTTP API). Postmark cannot be reached from here, so the provider is pointed (POSTMARK_API_URL)
 * at a local stand-in that speaks Postmark's documented email API and sends its webhooks with the
 * Basic credentials of the webhook URL, as Postmark does (support/postmark-standin.ts). Checked: a
 * journey email reaches it with the sender, stream, List-Unsubscribe headers and the row's id in
 * Metadata; a Delivery webhook marks it delivered (found by that id); a hard Bounce fails it and
 * suppresses the address, so the next send is refused; a SpamComplaint and a SubscriptionChange
 * suppress; 422 ErrorCode 406 (inactive recipient) fails; webhooks with a wrong or no password
 * get 403 and change nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startPostmarkStandIn, type PostmarkStandIn } from './support/postmark-standin.js';

let s: Stack;
let pm: PostmarkStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    pm = await startPostmarkStandIn();
    return { POSTMARK_SERVER_TOKEN: pm.serverToken, POSTMARK_WEBHOOK_SECRET: pm.webhookSecret, POSTMARK_FROM: 'Shop <hello@shop.example>', POSTMARK_API_URL: pm.url };
  },
);
afterAll(() => pm?.close());

const hook = () => `${s.url}/v1/providers/postmark/events`;
const journey = {
  id: 'pm',
  name: 'Postmark',
  settings: { entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 } },
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Ordered' },
    { id: 'thanks', type: 'action.email', subject: 'Thanks {{ customer.firstName }}', body: 'Your order is on its way.' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'thanks' },
    { id: 'e2', source: 'thanks', target: 'done' },
  ],
};
const rows = (customerId: string, count: number) =>
  eventually(
    () => s.db.message.findMany({ where: { journeyId: 'pm', customerId }, orderBy: { createdAt: 'asc' } }),
    (r) => r.length === count && r.every((m) => m.status !== 'claimed'),
  );
const node = JourneyNode.parse(journey.nodes[1]) as MessageNode;
const deps = () => ({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } });

describe('email through Postmark (its HTTP API against a local stand-in)', () => {
  it('sends a journey email; a Delivery webhook marks it delivered, unauthorised ones change nothing', async () => {
    expect((await s.channels.describe()).find((c) => c.channel === 'email')).toMatchObject({ provider: 'postmark', source: 'environment', settings: { from: 'Shop <hello@shop.example>', messageStream: 'outbound' } });
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'an', traits: { firstName: 'An', email: 'an@example.test' } });
    await s.post('/v1/track', { userId: 'an', event: 'Ordered', messageId: 'an-1' });
    const [row] = await rows('an', 1);
    expect(pm.emails).toHaveLength(1);
    const sent = pm.emails[0]!;
    expect(row).toMatchObject({ status: 'sent', provider: 'postmark', providerId: sent.id });
    expect(sent.body).toMatchObject({ From: 'Shop <hello@shop.example>', To: 'an@example.test', Subject: 'Thanks An', TextBody: 'Your order is on its way.', MessageStream: 'outbound', Metadata: { cairn_message: row!.id } });
    expect(sent.body.Headers?.find((h) => h.Name === 'List-Unsubscribe')?.Value).toMatch(/^<http:\/\/localhost:\d+\/u\/.+>$/);

    const delivery = { RecordType: 'Delivery', MessageID: sent.id, Recipient: 'an@example.test', DeliveredAt: new Date().toISOString(), Metadata: { cairn_message: row!.id } };
    expect((await pm.webhook(hook(), delivery, { password: 'not-the-secret-at-all' })).status).toBe(403);
    expect((await pm.webhook(hook(), delivery, { noAuth: true })).status).toBe(403);
    expect((await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).receipt).toBeNull();
    for (let i = 0; i < 2; i++) expect((await pm.webhook(hook(), delivery)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ receipt: 'delivered' });
    expect(await s.db.event.count({ where: { customerId: 'an', name: 'Message Delivered' } })).toBe(1);
  }, 90_000);

  it('a hard bounce fails the email and suppresses the address; the next send is refused', async () => {
    await s.post('/v1/identify', { userId: 'bao', traits: { email: 'bao@example.test' } });
    await s.post('/v1/track', { userId: 'bao', event: 'Ordered', messageId: 'bao-1' });
    const [row] = await rows('bao', 1);
    const bounce = { RecordType: 'Bounce', ID: 883953422, Type: 'HardBounce', TypeCode: 1, MessageID: row!.providerId, Email: 'bao@example.test', Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).', Details: 'smtp;550 5.1.1 mailbox does not exist', Inactive: true, Metadata: { cairn_message: row!.id } };
    expect((await pm.webhook(hook(), bounce)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: 'failed', receipt: 'failed', reason: expect.stringMatching(/^Postmark: bounced \(HardBounce\)/) });
    expect(await s.db.suppression.findFirst({ where: { customerId: 'bao', removedAt: null } })).toMatchObject({ channel: 'email', reason: 'hard_bounce', source: 'postmark-bounce' });
    await s.post('/v1/track', { userId: 'bao', event: 'Ordered', messageId: 'bao-2' });
    expect((await rows('bao', 2))[1]).toMatchObject({ status: 'suppressed', policyCode: 'hard_bounce' });
    expect(pm.emails.filter((e) => e.body.To === 'bao@example.test')).toHaveLength(1);
  }, 90_000);

  it('complaints and unsubscribes suppress; an inactive recipient fails', async () => {
    await s.post('/v1/identify', { userId: 'chi', traits: { email: 'chi@example.test' } });
    expect((await pm.webhook(hook(), { RecordType: 'SpamComplaint', MessageID: 'x-1', Email: 'chi@example.test' })).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'chi', removedAt: null } })).toMatchObject({ reason: 'spam_complaint', source: 'postmark-complaint' });

    await s.post('/v1/identify', { userId: 'dung', traits: { email: 'dung@example.test' } });
    expect((await pm.webhook(hook(), { RecordType: 'SubscriptionChange', MessageID: 'x-2', Recipient: 'dung@example.test', SuppressSending: true, SuppressionReason: 'ManualSuppression', ChangedAt: '2026-11-29T02:00:00Z' })).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'dung', removedAt: null } })).toMatchObject({ reason: 'unsubscribed', source: 'postmark-unsubscribe' });

    await s.post('/v1/identify', { userId: 'em', traits: { email: 'em@example.test' } });
    pm.inactive.add('em@example.test');
    expect(await deliver(deps(), { idempotencyKey: 'inactive-1', customerId: 'em', node })).toMatchObject({ status: 'failed', reason: 'postmark: Postmark 422 (error 406): You tried to send to recipient(s) that have been marked as inactive.' });
  });
});
