/**
 * Built-in non-message actions through the actions contract (engine/src/actions): the workflow
 * schedules the one `runAction` activity with the kind's declared retry policy, and the run is
 * told which attempt is its last. Real Temporal (time-skipping), real PostgreSQL, a real HTTP
 * receiver that answers 503 (retried, then `failure`) or 404 (`failure` at once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomer, enrol, journeyOf, publish, type Published } from './support/fixtures.js';
import { freshServerPerTest, harness, skipToEnd, type Harness } from './support/harness.js';
import { webhookServer } from './support/webhook-server.js';

let h: Harness;
let hook: Awaited<ReturnType<typeof webhookServer>>;
let p: Published;

beforeAll(async () => {
  // The body names the customer: "down-…" customers get 503, "gone-…" 404, anyone else 200.
  [h, hook] = await Promise.all([harness(), webhookServer((r) => (r.body.includes('down-') ? 503 : r.body.includes('gone-') ? 404 : 200))]);
  p = await publish(
    h.db,
    journeyOf(
      'builtin-actions',
      [
        { id: 'start', type: 'trigger.manual' },
        { id: 'tag', type: 'action.tag', tag: 'called' },
        { id: 'hook', type: 'action.webhook', url: 'http://127.0.0.1:1/placeholder', body: '{"customer":"{{ customer.id }}"}' },
        { id: 'ok', type: 'action.updateAttribute', attribute: 'synced', value: 'true', valueType: 'boolean' },
        { id: 'done', type: 'exit' },
        { id: 'failed', type: 'exit', reason: 'webhook-failed' },
      ],
      [['start', 'tag'], ['tag', 'hook'], ['hook', 'ok', 'success'], ['ok', 'done'], ['hook', 'failed', 'failure']],
    ),
  );
  const hookNode = p.journey.nodes.find((n) => n.id === 'hook');
  if (hookNode?.type === 'action.webhook') hookNode.url = `${hook.url}/hooks/cairn`;
}, 180_000);

freshServerPerTest(() => h);

afterAll(async () => {
  await hook?.close();
  await h?.teardown();
});

async function run(id: string) {
  await addCustomer(h.db, { id, attributes: { firstName: 'Lan' } });
  const handle = await enrol(h.client, p, { id }, { taskQueue: h.taskQueue });
  const result = await skipToEnd(h, handle, 90_000);
  const e = await h.db.enrolment.findFirstOrThrow({ where: { customerId: id }, include: { nodeEvents: { orderBy: { seq: 'asc' } } } });
  const left = e.nodeEvents.filter((s) => s.kind === 'left');
  const history = await handle.fetchHistory();
  const activities = (history.events ?? []).flatMap((ev) => ev.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  const calls = hook.received.filter((r) => r.body.includes(id));
  const customer = await h.db.customer.findUniqueOrThrow({ where: { id } });
  return { result, path: left.map((s) => `${s.nodeId}>${s.output}`), hookStep: left.find((s) => s.nodeId === 'hook'), activities, calls, attributes: customer.attributes };
}

describe('built-in actions through runAction', () => {
  it('a webhook that answers 200: tag, call, attribute, each one runAction', async () => {
    const r = await run('fine-1');
    expect(r.result).toMatchObject({ status: 'completed' });
    expect(r.path).toEqual(['start>next', 'tag>next', 'hook>success', 'ok>next']);
    expect(r.activities).toEqual(['runAction', 'runAction', 'runAction']);
    expect(r.calls).toHaveLength(1);
    expect(r.attributes).toMatchObject({ tags: ['called'], synced: true });
  }, 120_000);

  it('a webhook that keeps answering 503: retried to the declared 5 attempts, the last takes failure and says why', async () => {
    const r = await run('down-1');
    expect(r.result).toMatchObject({ status: 'exited' });
    expect(r.path).toEqual(['start>next', 'tag>next', 'hook>failure']);
    expect(r.calls).toHaveLength(5);
    // Every attempt carried the same idempotency key.
    expect(new Set(r.calls.map((c) => c.headers['x-cairn-idempotency-key'])).size).toBe(1);
    // The run's own words on its final attempt (not the workflow's "gave up after …" for a throw).
    expect(r.hookStep?.reason).toBe(`POST ${hook.url}/hooks/cairn answered 503`);
    expect(r.hookStep?.detail).toMatchObject({ status: 503 });
    expect(r.attributes).not.toHaveProperty('synced');
  }, 120_000);

  it('a webhook that answers 404: failure at once, no retry', async () => {
    const r = await run('gone-1');
    expect(r.path).toEqual(['start>next', 'tag>next', 'hook>failure']);
    expect(r.calls).toHaveLength(1);
    expect(r.hookStep?.reason).toBe(`POST ${hook.url}/hooks/cairn answered 404`);
  }, 120_000);
});
