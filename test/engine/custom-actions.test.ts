/**
 * Custom actions (defineAction) inside journeys on a real Temporal server with the real
 * activities on PostgreSQL: declared retries, permanent failures, attributes written for later
 * messages (the built-in coupon action), and a customer-contacting action that the delivery
 * policy keeps away from a suppressed customer.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_SETTINGS_KEY } from '@cairn/engine/runtime';
import './support/custom-actions.js';
import { addCustomer, enrol, journeyOf, publish } from './support/fixtures.js';
import { freshServerPerTest, harness, skipToEnd, until, type Harness } from './support/harness.js';
import { webhookServer } from './support/webhook-server.js';

let h: Harness;
let partner: Awaited<ReturnType<typeof webhookServer>>;
/** Status the partner answers, by customer id (the request body) and attempt. */
const script = new Map<string, number[]>();

beforeAll(async () => {
  [h, partner] = await Promise.all([
    harness({ workflowsPath: fileURLToPath(new URL('./support/workflows-with-custom-actions.ts', import.meta.url)) }),
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
});

