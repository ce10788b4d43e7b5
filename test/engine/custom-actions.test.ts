/**
 * Custom actions (defineAction) inside journeys on a real Temporal server with the real
 * activities on PostgreSQL: declared retries, permanent failures, attributes written for later
 * messages (the built-in coupon action), and a customer-contacting action that the delivery
 * policy keeps away from a suppressed customer.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_SETTINGS_KEY } from '@cairn/engine/runtime';
import type { JourneyInput } from '@cairn/core';
import './support/custom-actions.js';
import { addCustomer, enrol, journeyOf, publish } from './support/fixtures.js';
import { freshServerPerTest, harness, skipToEnd, until, type Harness } from './support/harness.js';
import { webhookServer } from './support/webhook-server.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A lead-scoring service stand-in for the built-in "Lead score" condition (defineCondition): it
 * answers `{ score }` by customer id, or never answers (to reach the condition's deadline).
 */
async function scoringService(scores: Record<string, number | 'hang'>) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { customerId } = JSON.parse(body) as { customerId: string };
      const score = scores[customerId];
      if (score === 'hang') return; // the condition's 2 s deadline passes; the socket is closed with the server
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ score }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`, close: () => { server.closeAllConnections(); server.close(); } };
}

let h: Harness;
let partner: Awaited<ReturnType<typeof webhookServer>>;
/** Status the partner answers, by customer id (the request body) and attempt. */
const script = new Map<string, number[]>();

beforeAll(async () => {
  [h, partner] = await Promise.all([
    harness({ actions: fileURLToPath(new URL('./support/custom-actions.ts', import.meta.url)) }),
    webhookServer((req) => script.get(req.body)?.shift() ?? 200),
  ]);
}, 180_000);

freshServerPerTest(() => h);

afterAll(async () => {
  await h?.teardown();
  await partner?.close();
});

const sync = () =>
  journeyOf(
    `sync-${Math.random().toString(36).slice(2, 8)}`,
    [
      { id: 't', type: 'trigger.manual' },
      { id: 'p', type: 'action.custom', action: 'fixture.partnerSync', config: { url: `${partner.url}/sync` } },
      { id: 'ok', type: 'exit', reason: 'synced' },
      { id: 'ko', type: 'exit', reason: 'sync-failed' },
    ],
    [['t', 'p'], ['p', 'ok', 'synced'], ['p', 'ko', 'failed']],
  );

describe('custom actions on Temporal', () => {
  it('retries as declared and takes the success output once the partner answers', async () => {
    const p = await publish(h.db, sync());
    await addCustomer(h.db, { id: 'retry-1' });
    script.set('retry-1', [503, 503, 200]);
    const result = await skipToEnd(h, await enrol(h.client, p, { id: 'retry-1' }, { taskQueue: h.taskQueue }));
    expect(result).toMatchObject({ exit: { reason: 'synced' } });
    const attempts = partner.received.filter((r) => r.body === 'retry-1').map((r) => r.headers['x-attempt']);
    expect(attempts).toEqual(['1', '2', '3']);
    const customer = await h.db.customer.findUniqueOrThrow({ where: { id: 'retry-1' } });
    expect(customer.attributes).toMatchObject({ partnerSynced: true });
  }, 90_000);

  it('takes the failure output after the last declared attempt', async () => {
    const p = await publish(h.db, sync());
    await addCustomer(h.db, { id: 'retry-2' });
    script.set('retry-2', [503, 503, 503, 503]);
    const result = await skipToEnd(h, await enrol(h.client, p, { id: 'retry-2' }, { taskQueue: h.taskQueue }));
    expect(result).toMatchObject({ exit: { reason: 'sync-failed' } });
    expect(partner.received.filter((r) => r.body === 'retry-2')).toHaveLength(3);
  }, 90_000);

  it('fails at once on a permanent error, without retrying', async () => {
    const p = await publish(h.db, sync());
    await addCustomer(h.db, { id: 'perm-1' });
    script.set('perm-1', [422, 200]);
    const result = await skipToEnd(h, await enrol(h.client, p, { id: 'perm-1' }, { taskQueue: h.taskQueue }));
    expect(result).toMatchObject({ exit: { reason: 'sync-failed' } });
    expect(partner.received.filter((r) => r.body === 'perm-1')).toHaveLength(1);
  }, 90_000);

  it('issues a coupon the next email uses (built-in coupon action)', async () => {
    const p = await publish(
      h.db,
      journeyOf(
        'coupon',
        [
          { id: 't', type: 'trigger.manual' },
          { id: 'c', type: 'action.custom', action: 'coupon.issue', config: { prefix: 'VIP' } },
          { id: 'm', type: 'action.email', topic: 'promotions', subject: 'A gift', body: 'Your code: {{ customer.couponCode }}' },
          { id: 'x', type: 'exit' },
        ],
        [['t', 'c'], ['c', 'm', 'success'], ['c', 'x', 'failure'], ['m', 'x']],
      ),
    );
    await addCustomer(h.db, { id: 'coupon-1' });
    await skipToEnd(h, await enrol(h.client, p, { id: 'coupon-1' }, { taskQueue: h.taskQueue }));
    const customer = await h.db.customer.findUniqueOrThrow({ where: { id: 'coupon-1' } });
    const code = (customer.attributes as { couponCode?: string }).couponCode;
    expect(code).toMatch(/^VIP-[A-Z2-9]{8}$/);
    const [message] = await h.db.message.findMany({ where: { customerId: 'coupon-1', nodeId: 'm' } });
    expect(message?.status).toBe('sent');
    expect(JSON.stringify(message?.content)).toContain(`Your code: ${code}`);
    expect(await h.db.uniqueClaim.count({ where: { value: code! } })).toBe(1);
  }, 90_000);

  it('never runs a customer-contacting action for a suppressed customer', async () => {
    const p = await publish(
      h.db,
      journeyOf(
        'chat',
        [
          { id: 't', type: 'trigger.manual' },
          { id: 'w', type: 'action.custom', action: 'fixture.chatTemplate', config: { url: `${partner.url}/chat`, template: 'promo_1' } },
          { id: 'ok', type: 'exit', reason: 'sent' },
          { id: 'ko', type: 'exit', reason: 'not-sent' },
        ],
        [['t', 'w'], ['w', 'ok', 'sent'], ['w', 'ko', 'not-sent']],
      ),
    );
    await addCustomer(h.db, { id: 'chat-ok' });
    await addCustomer(h.db, { id: 'chat-refused', suppressed: ['chat'] });
    const allowed = await skipToEnd(h, await enrol(h.client, p, { id: 'chat-ok' }, { taskQueue: h.taskQueue }));
    expect(allowed).toMatchObject({ exit: { reason: 'sent' } });
    await h.freshServer();
    const refused = await skipToEnd(h, await enrol(h.client, p, { id: 'chat-refused' }, { taskQueue: h.taskQueue }));
    expect(refused).toMatchObject({ exit: { reason: 'not-sent' } });

    const chats = partner.received.filter((r) => r.path === '/chat').map((r) => JSON.parse(r.body) as { to: string });
    expect(chats.map((c) => c.to)).toEqual(['chat-ok']);
    const rows = await h.db.message.findMany({ where: { nodeId: 'w' }, orderBy: { customerId: 'asc' } });
    expect(rows.map((r) => [r.customerId, r.status])).toEqual([['chat-ok', 'sent'], ['chat-refused', 'suppressed']]);
  }, 120_000);

  it('waits out quiet hours before running a customer-contacting action, then runs it once', async () => {
    const now = await h.ts.env.currentTimeMs();
    const end = Math.ceil((now + 3_600_000) / 3_600_000) * 3_600_000;
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const value = { quietHours: { start: hhmm(now - 60_000), end: hhmm(end) } };
    await h.db.workspaceSetting.upsert({ where: { key: POLICY_SETTINGS_KEY }, create: { key: POLICY_SETTINGS_KEY, value }, update: { value } });
    try {
      const p = await publish(
        h.db,
        journeyOf(
          'chat-quiet',
          [
            { id: 't', type: 'trigger.manual' },
            { id: 'w', type: 'action.custom', action: 'fixture.chatTemplate', config: { url: `${partner.url}/chat`, template: 'quiet_1' } },
            { id: 'ok', type: 'exit', reason: 'sent' },
            { id: 'ko', type: 'exit', reason: 'not-sent' },
          ],
          [['t', 'w'], ['w', 'ok', 'sent'], ['w', 'ko', 'not-sent']],
        ),
      );
      await addCustomer(h.db, { id: 'chat-quiet', timeZone: 'UTC' });
      const handle = await enrol(h.client, p, { id: 'chat-quiet' }, { taskQueue: h.taskQueue, at: now });
      await until(() => handle.query<{ status: string; deadline?: number }>('status'), (st) => st.status === 'waiting' && st.deadline === end);
      expect(partner.received.filter((r) => r.body.includes('quiet_1'))).toHaveLength(0);
      expect(await skipToEnd(h, handle)).toMatchObject({ exit: { reason: 'sent' } });
      expect(partner.received.filter((r) => r.body.includes('quiet_1'))).toHaveLength(1);
      const rows = await h.db.message.findMany({ where: { customerId: 'chat-quiet' } });
      expect(rows.map((r) => r.status)).toEqual(['sent']);
    } finally {
      await h.db.workspaceSetting.deleteMany({ where: { key: POLICY_SETTINGS_KEY } });
    }
  }, 120_000);

  it('branches on a custom condition (defineCondition): high, low by a version-1 config, and the fallback when the service does not answer in time', async () => {
    const scoring = await scoringService({ 'score-hi': 82, 'score-old': 82, 'score-hang': 'hang' });
    try {
      const nodes = (config: Record<string, unknown>, configVersion?: number): JourneyInput['nodes'] => [
        { id: 't', type: 'trigger.manual' },
        { id: 's', type: 'action.custom', action: 'score.lead', config, ...(configVersion ? { configVersion } : {}) },
        { id: 'hi', type: 'exit', reason: 'high' },
        { id: 'lo', type: 'exit', reason: 'low' },
        { id: 'unk', type: 'exit', reason: 'unknown' },
      ];
      const edges: Array<[string, string, string?]> = [['t', 's'], ['s', 'hi', 'high'], ['s', 'lo', 'low'], ['s', 'unk', 'unknown']];
      const current = await publish(h.db, journeyOf('score-v2', nodes({ url: scoring.url, threshold: 70 }, 2), edges));
      // Saved before the config's `minimum` became `threshold` (version 1): migrated when read.
      const old = await publish(h.db, journeyOf('score-v1', nodes({ url: scoring.url, minimum: 90 }), edges));
      for (const id of ['score-hi', 'score-old', 'score-hang']) await addCustomer(h.db, { id });
      const run = async (p: typeof current, id: string) => skipToEnd(h, await enrol(h.client, p, { id }, { taskQueue: h.taskQueue }));
      const t0 = Date.now();
      const [hi, lo, hang] = await Promise.all([run(current, 'score-hi'), run(old, 'score-old'), run(current, 'score-hang')]);
      expect(hi).toMatchObject({ exit: { reason: 'high' } });
      expect(lo).toMatchObject({ exit: { reason: 'low' } });
      expect(hang).toMatchObject({ exit: { reason: 'unknown' } });
      // The customer waited for the deadline (2 s), not for Temporal's activity timeout or retries.
      expect(Date.now() - t0).toBeLessThan(15_000);
      const why = await h.db.nodeEvent.findMany({ where: { nodeId: 's', journeyId: { in: ['score-v1', 'score-v2'] } }, select: { reason: true, enrolment: { select: { customerId: true } } } });
      const reasonOf = (id: string) => why.filter((w) => w.enrolment.customerId === id).map((w) => w.reason).join(' | ');
      expect(reasonOf('score-hi')).toContain('score 82, at least 70');
      expect(reasonOf('score-old')).toContain('score 82, below 90');
      expect(reasonOf('score-hang')).toMatch(/did not answer within 2 s: took “unknown”/);
    } finally {
      scoring.close();
    }
  }, 90_000);
});
