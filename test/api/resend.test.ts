/**
 * Email through Resend on the real stack (embedded PostgreSQL, Temporal dev server, worker, HTTP
 * API) with the official `resend` SDK. Resend cannot be reached from here, so the SDK is pointed
 * (RESEND_API_URL) at a local stand-in that speaks Resend's documented API, honours idempotency
 * keys and signs its events as Resend does (support/resend-standin.ts). Checked: a journey email
 * reaches it with the step's idempotency key and the List-Unsubscribe headers, and a repeat of
 * the same step is dropped by the key; a signed `email.delivered` marks the message delivered;
 * a permanent `email.bounced` fails it and suppresses the address (hard_bounce), so the next
 * send is refused; `email.complained` suppresses (spam_complaint); forged, unsigned, stale and
 * replayed events change nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliver, type MessageNode } from '@cairn/engine/runtime';
import { JourneyNode } from '@cairn/core';
import { eventually, useStack, type Stack } from './support/stack.js';
import { startResendStandIn, type ResendStandIn } from './support/resend-standin.js';

let s: Stack;
let rs: ResendStandIn;

useStack(
  (stack) => (s = stack),
  async () => {
    rs = await startResendStandIn();
    return { RESEND_API_KEY: rs.apiKey, RESEND_WEBHOOK_SECRET: rs.webhookSecret, RESEND_FROM: 'Shop <hello@shop.example>', RESEND_API_URL: rs.url };
  },
);
afterAll(() => rs?.close());

const hook = () => `${s.url}/v1/providers/resend/events`;
const journey = {
  id: 'mail',
  name: 'Mail',
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
    () => s.db.message.findMany({ where: { journeyId: 'mail', customerId }, orderBy: { createdAt: 'asc' } }),
    (r) => r.length === count && r.every((m) => m.status !== 'claimed'),
  );

describe('email through Resend (the resend SDK against a local stand-in of its API)', () => {
  it('sends a journey email with the step’s idempotency key, and a repeat is dropped by it', async () => {
    expect((await s.channels.describe()).find((c) => c.channel === 'email')).toMatchObject({ provider: 'resend', source: 'environment', settings: { from: 'Shop <hello@shop.example>' } });
    await s.publish(journey);
    await s.post('/v1/identify', { userId: 'an', traits: { firstName: 'An', email: 'an@example.test' } });
    await s.post('/v1/track', { userId: 'an', event: 'Ordered', messageId: 'an-1' });
    const [row] = await rows('an', 1);
    expect(rs.emails).toHaveLength(1);
    const sent = rs.emails[0]!;
    expect(row).toMatchObject({ status: 'sent', provider: 'resend', providerId: sent.id });
    expect(sent.idempotencyKey).toBe(row!.idempotencyKey);
    expect(sent.body).toMatchObject({ from: 'Shop <hello@shop.example>', to: ['an@example.test'], subject: 'Thanks An', text: 'Your order is on its way.' });
    expect(sent.body.headers?.['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:\d+\/u\/.+>$/);

    // The worker died after Resend took it: the row is still `claimed`, and the retry sends the
    // same content under the same key. Resend answers the first id and sends nothing.
    await s.db.message.update({ where: { id: row!.id }, data: { status: 'claimed' } });
    const node = JourneyNode.parse(journey.nodes[1]) as MessageNode;
    const again = await deliver({ db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } }, { idempotencyKey: row!.idempotencyKey, customerId: 'an', node, journey: { id: 'mail', name: 'Mail' } });
    expect(again).toMatchObject({ status: 'sent', provider: 'resend' });
    expect(rs.repeats).toBe(1);
    expect(rs.emails).toHaveLength(1);
  }, 90_000);

  it('marks the email delivered from a signed event, and refuses forged, unsigned and stale ones', async () => {
    const [row] = await rows('an', 1);
    const data = { email_id: row!.providerId, to: ['an@example.test'], subject: 'Thanks An' };
    expect((await rs.event(hook(), 'email.delivered', data, { secret: `whsec_${Buffer.from('not the secret').toString('base64')}` })).status).toBe(403);
    expect((await rs.event(hook(), 'email.delivered', data, { unsigned: true })).status).toBe(403);
    expect((await rs.event(hook(), 'email.delivered', data, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(403);
    expect((await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).receipt).toBeNull();

    expect((await rs.event(hook(), 'email.delivered', data)).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: 'sent', receipt: 'delivered' });
    expect(await s.db.event.count({ where: { customerId: 'an', name: 'Message Delivered' } })).toBe(1);
  });

  it('a permanent bounce fails the email and suppresses the address; the next send is refused', async () => {
    await s.post('/v1/identify', { userId: 'bao', traits: { firstName: 'Bao', email: 'bao@example.test' } });
    await s.post('/v1/track', { userId: 'bao', event: 'Ordered', messageId: 'bao-1' });
    const [row] = await rows('bao', 1);
    const data = { email_id: row!.providerId, to: ['bao@example.test'], bounce: { type: 'Permanent', subType: 'General', message: 'mailbox does not exist' } };
    expect((await rs.event(hook(), 'email.bounced', data, { id: 'msg_bounce_1' })).status).toBe(200);
    // Replayed by Resend: nothing more.
    expect((await rs.event(hook(), 'email.bounced', data, { id: 'msg_bounce_1' })).status).toBe(200);
    expect(await s.db.message.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ status: 'failed', receipt: 'failed', reason: 'Resend: bounced (Permanent, General): mailbox does not exist' });
    const suppressions = await s.db.suppression.findMany({ where: { customerId: 'bao', removedAt: null } });
    expect(suppressions).toHaveLength(1);
    expect(suppressions[0]).toMatchObject({ channel: 'email', reason: 'hard_bounce', source: 'resend-bounce', hard: true });
    expect(await s.db.event.count({ where: { customerId: 'bao', name: 'Message Failed' } })).toBe(1);

    await s.post('/v1/track', { userId: 'bao', event: 'Ordered', messageId: 'bao-2' });
    const after = await rows('bao', 2);
    expect(after[1]).toMatchObject({ status: 'suppressed', policyCode: 'hard_bounce' });
    expect(rs.emails.filter((e) => e.body.to[0] === 'bao@example.test')).toHaveLength(1);
  }, 90_000);

  it('a spam complaint suppresses the address; a transient bounce does not', async () => {
    await s.post('/v1/identify', { userId: 'chi', traits: { email: 'chi@example.test' } });
    expect((await rs.event(hook(), 'email.bounced', { email_id: 'unknown-id', to: ['chi@example.test'], bounce: { type: 'Transient', message: 'mailbox full' } })).status).toBe(200);
    expect(await s.db.suppression.count({ where: { customerId: 'chi' } })).toBe(0);
    expect((await rs.event(hook(), 'email.complained', { email_id: 'unknown-id', to: ['CHI@example.test'] })).status).toBe(200);
    expect(await s.db.suppression.findFirst({ where: { customerId: 'chi', removedAt: null } })).toMatchObject({ channel: 'email', reason: 'spam_complaint', source: 'resend-complaint' });
  });
});
