/**
 * Publishing with "move waiting customers" (issue 12) on the real stack (embedded PostgreSQL, a
 * Temporal dev server, the worker): customers waiting in v1 go on in v2 at the step the node map
 * names (the same step by default, a chosen one for a removed step), keep the deadline they had,
 * and take v2's steps from there; a step mapped to "leave" keeps its customers on v1.
 */
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from '../../api/src/rest/openapi-types.gen.js';
import { eventually, useStack, type Stack } from './support/stack.js';

let s: Stack;
useStack((stack) => (s = stack));

const DAY = { amount: 1, unit: 'days' };

/** v1: manual start -> "first" (waits for Go On) -> "wait" (waits for Order Completed) -> email "v1 thanks". */
function v1(id: string) {
  return {
    id,
    name: `Move ${id}`,
    nodes: [
      { id: 'start', type: 'trigger.manual' },
      { id: 'first', type: 'wait.event', label: 'Wait for go', event: 'Go On', timeout: DAY },
      { id: 'wait', type: 'wait.event', label: 'Wait for order', event: 'Order Completed', timeout: DAY },
      { id: 'thanks', type: 'action.email', subject: 'v1 thanks', body: 'Thank you (v1)' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'first' },
      { id: 'e2', source: 'first', sourceHandle: 'event', target: 'wait' },
      { id: 'e3', source: 'first', sourceHandle: 'timeout', target: 'done' },
      { id: 'e4', source: 'wait', sourceHandle: 'event', target: 'thanks' },
      { id: 'e5', source: 'wait', sourceHandle: 'timeout', target: 'done' },
      { id: 'e6', source: 'thanks', target: 'done' },
    ],
  };
}

/** v2: "first" removed; the order wait leads to an email "v2 thanks". */
function v2(id: string) {
  const j = v1(id);
  return {
    ...j,
    nodes: [...j.nodes.filter((n) => n.id !== 'first' && n.id !== 'thanks'), { id: 'thanks-2', type: 'action.email', subject: 'v2 thanks', body: 'Thank you (v2)' }],
    edges: [
      { id: 'e1', source: 'start', target: 'wait' },
      { id: 'e4', source: 'wait', sourceHandle: 'event', target: 'thanks-2' },
      { id: 'e5', source: 'wait', sourceHandle: 'timeout', target: 'done' },
      { id: 'e6', source: 'thanks-2', target: 'done' },
    ],
  };
}

const enrolment = (journeyId: string, customerId: string) => s.db.enrolment.findFirstOrThrow({ where: { journeyId, customerId } });
const at = (journeyId: string, customerId: string, version: number, node: string) =>
  eventually(() => enrolment(journeyId, customerId), (e) => e.status === 'waiting' && e.version === version && e.currentNodeId === node);
const track = async (userId: string, event: string) => {
  expect((await s.post('/v1/track', { userId, event, messageId: `${userId}-${event}` })).status).toBe(200);
};
const subjects = async (journeyId: string, customerId: string) => {
  const rows = await s.db.message.findMany({ where: { journeyId, customerId } });
  return rows.map((m) => (m.content as { subject?: string }).subject);
};
/** The "waiting until …" instant recorded when the customer entered `node`. */
const deadlineAt = async (journeyId: string, customerId: string, node: string) => {
  const e = await enrolment(journeyId, customerId);
  const steps = await s.db.nodeEvent.findMany({ where: { enrolmentId: e.id, nodeId: node, kind: 'entered' }, orderBy: { seq: 'asc' } });
  return steps.map((st) => /waiting until (\S+)/.exec(st.reason ?? '')?.[1]);
};

async function enterAndPlace(journeyId: string, atWait: string[], atFirst: string[]) {
  await s.publish(v1(journeyId));
  for (const id of [...atWait, ...atFirst]) {
    await s.db.customer.create({ data: { id, email: `${id}@example.test` } });
    await s.caller.journeys.enrol({ journeyId, customerId: id });
  }
  for (const id of atFirst) await at(journeyId, id, 1, 'first');
  for (const id of atWait) {
    await at(journeyId, id, 1, 'first');
    await track(id, 'Go On');
    await at(journeyId, id, 1, 'wait');
  }
}

describe('publishing with "move waiting customers"', () => {
  it('moves v1 customers to v2 (same step by default, the chosen step for a removed one) and they go on down v2', async () => {
    await enterAndPlace('mv', ['ann'], ['cid']);
    const before = await deadlineAt('mv', 'ann', 'wait');
    // The preview, customer by customer, before anything is applied.
    const preview = await s.caller.journeys.previewMove({ id: 'mv', draft: v2('mv'), choices: { first: 'wait' } });
    expect(preview).toMatchObject({ liveVersion: 1, total: 2, problems: [], unmapped: [] });
    expect(preview.groups.map((g) => [g.sentence, g.customers])).toEqual([
      ['1 customer at “Wait for go” moves to “Wait for order” and waits there.', ['cid']],
      ['1 customer at “Wait for order” moves to “Wait for order” and waits there.', ['ann']],
    ]);

    const published = await s.caller.journeys.publish({ id: 'mv', note: 'v2', draft: v2('mv'), move: { choices: { first: 'wait' } } });
    expect(published).toMatchObject({ version: 2, moved: { moving: 2, staying: 0 } });
    await at('mv', 'ann', 2, 'wait');
    await at('mv', 'cid', 2, 'wait');
    // Ann keeps the deadline of the wait she was in; the move is on her path, in words.
    const after = await deadlineAt('mv', 'ann', 'wait');
    expect(after).toHaveLength(2);
    expect(after[1]).toBe(before[0]);
    const moveStep = await s.db.nodeEvent.findFirst({ where: { enrolmentId: (await enrolment('mv', 'cid')).id, reason: { startsWith: 'moved to version 2' } } });
    expect(moveStep?.reason).toMatch(/^moved to version 2 from "first"/);

    // Both go on down v2: the order leads to v2's email, once each.
    await track('ann', 'Order Completed');
    await track('cid', 'Order Completed');
    for (const id of ['ann', 'cid']) {
      const done = await eventually(() => enrolment('mv', id), (e) => e.status === 'completed');
      expect(done).toMatchObject({ version: 2, currentNodeId: 'done' });
      expect(await subjects('mv', id)).toEqual(['v2 thanks']);
    }
    // Each version's live counts keep their own steps: v1 what happened before the move, v2 the
    // move's arrivals and what followed (the enrolments themselves are on v2 now).
    const v1Counts = (await s.caller.journeys.counts({ id: 'mv', version: 1 })).nodes;
    const v2Counts = (await s.caller.journeys.counts({ id: 'mv', version: 2 })).nodes;
    expect([v1Counts.first?.entered, v1Counts.wait?.entered, v1Counts.thanks?.entered]).toEqual([2, 1, undefined]);
    expect([v2Counts.first?.entered, v2Counts.wait?.entered, v2Counts['thanks-2']?.entered, v2Counts['thanks-2']?.messages.sent]).toEqual([undefined, 2, 2, 2]);
    // The results overlay (roll-ups kept by triggers) agrees, version by version.
    const r1 = await s.caller.results.nodes({ journeyId: 'mv', version: 1 });
    const r2 = await s.caller.results.nodes({ journeyId: 'mv', version: 2 });
    expect([r1.first?.entered, r1.wait?.entered, r1.thanks]).toEqual([2, 1, undefined]);
    expect([r2.first, r2.wait?.entered, r2['thanks-2']?.entered, r2['thanks-2']?.messages.sent]).toEqual([undefined, 2, 2, 2]);
  }, 120_000);

  it('keeps customers of a step mapped to "leave" on v1, and refuses a wrong map without publishing', async () => {
    await enterAndPlace('stay', ['fay'], ['eve']);
    // Previewed with "Wait for go" sent to v2's email: each customer is simulated with their own
    // delivery policy, so Eve, who refused email, is shown not being sent it.
    const refusal = await s.db.suppression.create({ data: { customerId: 'eve', channel: 'email', reason: 'unsubscribed', source: 'test' } });
    const preview = await s.caller.journeys.previewMove({ id: 'stay', draft: v2('stay'), choices: { first: 'thanks-2' } });
    expect(preview.groups.map((g) => g.sentence)).toEqual([
      '1 customer at “Wait for go” moves to “Send email”: “Send email” not sent (refused contact), then leaves (the exit is reached).',
      '1 customer at “Wait for order” moves to “Wait for order” and waits there.',
    ]);
    await s.db.suppression.update({ where: { id: refusal.id }, data: { removedAt: new Date() } });
    // A map without a home for "Wait for go": its customers stay, and the preview says so.
    const unmapped = await s.caller.journeys.previewMove({ id: 'stay', draft: v2('stay') });
    expect(unmapped.unmapped).toEqual(['first']);
    expect(unmapped.groups.map((g) => g.sentence)).toContain('1 customer at “Wait for go” stays on version 1.');
    expect((await s.caller.journeys.previewMove({ id: 'stay', draft: v2('stay'), choices: { first: 'nowhere' } })).problems).toEqual([
      expect.stringContaining('"Wait for go" is mapped to "nowhere"'),
    ]);
    await expect(s.caller.journeys.previewMove({ id: 'no-such-journey', choices: {} })).rejects.toThrow(/no-such-journey/);
    await expect(
      s.caller.journeys.publish({ id: 'stay', note: 'v2', draft: v2('stay'), move: { choices: { first: 'nowhere' } } }),
    ).rejects.toThrow(/cannot move the waiting customers: "Wait for go" is mapped to "nowhere"/);
    expect(await s.db.journeyVersion.count({ where: { journeyId: 'stay' } })).toBe(1);

    const published = await s.caller.journeys.publish({ id: 'stay', note: 'v2', draft: v2('stay'), move: { choices: { first: 'leave' } } });
    expect(published.moved).toEqual({ moving: 1, staying: 1 });
    await at('stay', 'fay', 2, 'wait');
    // Eve stays on v1 and finishes it as it was: Go On, then v1's order wait and email.
    await track('eve', 'Go On');
    await at('stay', 'eve', 1, 'wait');
    await track('eve', 'Order Completed');
    await track('fay', 'Order Completed');
    const eve = await eventually(() => enrolment('stay', 'eve'), (e) => e.status === 'completed');
    expect(eve.version).toBe(1);
    expect(await subjects('stay', 'eve')).toEqual(['v1 thanks']);
    await eventually(() => enrolment('stay', 'fay'), (e) => e.status === 'completed');
    expect(await subjects('stay', 'fay')).toEqual(['v2 thanks']);
  }, 120_000);

  it('through the REST API too: POST /journeys/{id}/publish with `move`; a wrong choice is a 400 that publishes nothing', async () => {
    await enterAndPlace('rest-mv', ['gus'], ['hal']);
    const { token } = await s.caller.apiKeys.create({ name: 'deployer', scopes: ['read', 'write', 'publish'] });
    const api = createClient<paths>({ baseUrl: `${s.url}/api`, headers: { Authorization: `Bearer ${token}` } });
    const path = { params: { path: { id: 'rest-mv' } } };
    const wrong = await api.POST('/journeys/{id}/publish', { ...path, body: { note: 'v2', draft: v2('rest-mv'), move: { choices: { first: 'nowhere' } } } });
    expect(wrong.response.status).toBe(400);
    expect(JSON.stringify(wrong.error)).toContain('cannot move the waiting customers');
    expect(await s.db.journeyVersion.count({ where: { journeyId: 'rest-mv' } })).toBe(1);

    const published = await api.POST('/journeys/{id}/publish', { ...path, body: { note: 'v2', draft: v2('rest-mv'), move: { choices: { first: 'leave' } } } });
    expect(published.data).toMatchObject({ version: 2, moved: { moving: 1, staying: 1 } });
    await at('rest-mv', 'gus', 2, 'wait');
    expect((await enrolment('rest-mv', 'hal')).version).toBe(1);
    // Without `move`, nobody moves and `moved` is null.
    const plain = await api.POST('/journeys/{id}/publish', { ...path, body: { note: 'v3', draft: v2('rest-mv') } });
    expect(plain.data).toMatchObject({ version: 3, moved: null });
  }, 120_000);
});
