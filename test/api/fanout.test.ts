/**
 * Events reaching running enrolments, on the real stack: a run is signalled only with the events
 * its journey can react to (what its waits await, its goals, its exit events, the events its rules
 * count), and those still arrive, through /v1/track and /v1/batch alike. Read from the workflow
 * histories on the Temporal dev server.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';

let s: Stack;
let client: Client;

useStack((stack) => (s = stack));
beforeAll(async () => {
  client = new Client({ connection: await Connection.connect({ address: s.temporalAddress }) });
});
afterAll(async () => {
  await client?.connection.close();
});

/** Trigger "Fan Go" -> wait for `awaits` (1 day) -> exit; plus `extra` nodes (a goal) and settings. */
function journey(id: string, awaits: string, extra: unknown[] = [], settings: Record<string, unknown> = {}) {
  return {
    id,
    name: `Fan-out ${id}`,
    settings,
    nodes: [
      { id: 'go', type: 'trigger.event', event: 'Fan Go' },
      { id: 'wait', type: 'wait.event', event: awaits, timeout: { amount: 1, unit: 'days' } },
      { id: 'done', type: 'exit' },
      { id: 'gave-up', type: 'exit' },
      ...extra,
    ],
    edges: [
      { id: 'e1', source: 'go', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'event', target: 'done' },
      { id: 'e3', source: 'wait', sourceHandle: 'timeout', target: 'gave-up' },
    ],
  };
}

async function signalsReceived(workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionSignaledEventAttributes)
    .map((e) => {
      const payload = e.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0]?.data;
      const arg = payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { event?: { name?: string } }) : {};
      return arg.event?.name ?? String(e.workflowExecutionSignaledEventAttributes?.signalName);
    });
}

describe('events to running enrolments', () => {
  it('signals a run only with events its journey can react to, and those reach it', async () => {
    await s.publish(journey('fan-a', 'Step A'));
    await s.publish(journey('fan-b', 'Step B', [], { exitEvents: ['Unsubscribed'] }));
    await s.publish(journey('fan-c', 'Step C', [{ id: 'bought', type: 'goal', event: 'Order Completed' }]));
    const customerId = 'fan-kim';
    expect((await s.post('/v1/track', { userId: customerId, event: 'Fan Go', messageId: 'fan-go' })).status).toBe(200);
    const runs = await eventually(
      () => s.db.enrolment.findMany({ where: { customerId }, orderBy: { journeyId: 'asc' } }),
      (rows) => rows.length === 3 && rows.every((r) => r.status === 'waiting' && r.currentNodeId === 'wait'),
    );
    const [a, b, c] = runs.map((r) => r.workflowId) as [string, string, string];

    // Page views nobody waits for, and the event journey A waits for, in one batch and one track call.
    const batch = await s.post('/v1/batch', {
      batch: [
        { type: 'track', userId: customerId, event: 'Page Viewed', messageId: 'fan-p1' },
        { type: 'page', userId: customerId, name: 'Pricing', messageId: 'fan-p2' },
        { type: 'track', userId: customerId, event: 'Step A', messageId: 'fan-step-a' },
      ],
    });
    expect(batch).toMatchObject({ status: 200, body: { stored: 3, duplicates: 0, routed: true } });
    await s.post('/v1/track', { userId: customerId, event: 'Page Viewed', messageId: 'fan-p3' });
    await eventually(() => s.db.enrolment.findUnique({ where: { workflowId: a } }), (e) => e?.status === 'completed' && e.currentNodeId === 'done');
    // Every event is routed (processed) whether or not it was signalled to anyone.
    expect(await s.db.event.count({ where: { customerId, processedAt: null } })).toBe(0);

    // The exit event and the goal still reach the runs that end on them.
    await s.post('/v1/track', { userId: customerId, event: 'Unsubscribed', messageId: 'fan-unsub' });
    await s.post('/v1/batch', { batch: [{ type: 'track', userId: customerId, event: 'Order Completed', messageId: 'fan-order' }] });
    const ended = await eventually(
      () => s.db.enrolment.findMany({ where: { customerId }, orderBy: { journeyId: 'asc' } }),
      (rows) => rows.every((r) => r.status === 'completed' || r.status === 'exited'),
    );
    expect(ended.map((r) => [r.journeyId, r.status, r.exitReason])).toEqual([
      ['fan-a', 'completed', expect.anything()],
      ['fan-b', 'exited', expect.stringMatching(/exit/)],
      ['fan-c', 'completed', 'goal'],
    ]);

    expect(await signalsReceived(a)).toEqual(['Step A']);
    expect(await signalsReceived(b)).toEqual(['Unsubscribed']);
    // C's run had ended on the goal before anything else could concern it.
    expect(await signalsReceived(c)).toEqual(['Order Completed']);
  }, 90_000);
});
