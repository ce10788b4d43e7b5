/**
 * Schedule triggers on the real stack: a due firing enrols every customer of the node's segment
 * once, even when the run is repeated or resumed after a crash.
 */
import { runSchedules } from '@cairn/api';
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';

let s: Stack;

useStack((stack) => (s = stack));

function scheduled(id: string, at: string) {
  return {
    id,
    name: `Scheduled ${id}`,
    nodes: [
      {
        id: 'when',
        type: 'trigger.schedule',
        schedule: { kind: 'once', at },
        segment: { op: 'and', rules: [{ kind: 'attribute', attribute: 'vip', operator: 'eq', value: true }] },
      },
      { id: 'mail', type: 'action.email', subject: 'For our VIPs', body: 'Hello' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'when', target: 'mail' },
      { id: 'e2', source: 'mail', target: 'done' },
    ],
  };
}

describe('schedule triggers', () => {
  it('enrols the segment once when the time comes, and a repeated run enrols no one again', async () => {
    for (const [id, vip] of [['v1', true], ['v2', true], ['n1', false]] as const) {
      await s.db.customer.create({ data: { id, email: `${id}@example.test`, attributes: { vip } } });
    }
    const at = new Date(Date.now() + 3000).toISOString();
    await s.caller.journeys.saveDraft({ id: 'vip', draft: scheduled('vip', at) });
    await s.caller.journeys.publish({ id: 'vip', note: '' });
    const deps = { db: s.db, runner: s.runner, clock: { now: () => Date.now() } };

    // Not yet due: nothing is claimed.
    await runSchedules(deps);
    expect(await s.db.scheduleRun.count({ where: { journeyId: 'vip' } })).toBe(0);

    await new Promise((r) => setTimeout(r, 3500));
    await runSchedules(deps);
    const run = await eventually(
      () => s.db.scheduleRun.findFirst({ where: { journeyId: 'vip' } }),
      (r) => r?.completedAt !== null && r !== null,
    );
    expect(run?.firesAt.toISOString()).toBe(at);
    const enrolled = await s.db.enrolment.findMany({ where: { journeyId: 'vip' }, orderBy: { customerId: 'asc' } });
    expect(enrolled.map((e) => e.customerId)).toEqual(['v1', 'v2']);
    await eventually(
      () => s.db.message.count({ where: { journeyId: 'vip', status: 'sent' } }),
      (n) => n === 2,
    );

    // A crash left the run unfinished: running it again enrols no one twice.
    await s.db.scheduleRun.update({ where: { id: run!.id }, data: { completedAt: null } });
    await runSchedules(deps);
    expect(await s.db.enrolment.count({ where: { journeyId: 'vip' } })).toBe(2);
    expect(await s.db.scheduleRun.count({ where: { journeyId: 'vip' } })).toBe(1);
  }, 120_000);
});
