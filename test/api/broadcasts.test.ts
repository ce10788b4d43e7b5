/**
 * Broadcasts (issue 17) on the real stack: PostgreSQL, a Temporal dev server, the worker with the
 * real activities and the log provider. Every send passes the delivery policy (a suppressed
 * customer is refused and recorded, not messaged), the rate is honoured, and pause, resume and
 * cancel steer the running workflow.
 */
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';

let s: Stack;
useStack((stack) => (s = stack));

const email = { type: 'action.email', subject: 'Winter sale, {{ customer.firstName | default: "friend" }}', body: 'Everything half price this week.', topic: 'promotions' };
const group = (g: string) => ({ kind: 'rules' as const, group: { op: 'and' as const, rules: [{ kind: 'attribute' as const, attribute: 'group', operator: 'eq' as const, value: g }] } });

async function customers(prefix: string, n: number, g: string) {
  await s.db.customer.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${String(i).padStart(3, '0')}`, email: `${prefix}${i}@example.com`, attributes: { group: g, firstName: `C${i}` } })) });
}

describe('broadcasts', () => {
  it('sends to the audience through the delivery policy at the rate asked: the suppressed customer is refused, others are not reached', async () => {
    await customers('bc', 30, 'a');
    await customers('other', 3, 'b');
    await s.db.customer.update({ where: { id: 'bc-001' }, data: { email: null } });
    await s.caller.suppressions.add({ customerId: 'bc-002', channel: 'email', reason: 'unsubscribed', source: 'test' });
    const b = await s.caller.broadcasts.create({ name: 'Winter sale', message: email, audience: group('a'), ratePerSecond: 10 });
    expect(b.status).toBe('draft');
    await s.caller.broadcasts.send({ id: b.id });
    await expect(s.caller.broadcasts.send({ id: b.id })).rejects.toThrow(/sent already/);
    const done = await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.status === 'done', 60_000);
    expect(done.results).toMatchObject({ sent: 28, suppressed: 1, noAddress: 1, failed: 0 });
    expect(done).toMatchObject({ total: 33, processed: 33 });
    const rows = await s.db.message.findMany({ where: { nodeId: b.id, journeyId: null }, orderBy: { createdAt: 'asc' } });
    expect(rows.find((m) => m.customerId === 'bc-002')).toMatchObject({ status: 'suppressed', policyCode: 'unsubscribed' });
    expect(rows.filter((m) => m.customerId.startsWith('other-'))).toEqual([]);
    expect(rows.find((m) => m.customerId === 'bc-010')?.content).toMatchObject({ subject: 'Winter sale, C10', to: 'bc10@example.com' });
    // 30 sends at 10 per second start at least 2.9 s apart, first to last; a row is written a
    // send's latency after its start, so the rows' spread may be that much shorter (a slow first
    // send under load). Unpaced, the 30 take well under a second at four at a time.
    const spread = rows.at(-1)!.createdAt.getTime() - rows[0]!.createdAt.getTime();
    expect(spread).toBeGreaterThanOrEqual(2_300);
  }, 90_000);

  it('pauses (nothing more is sent), resumes, and cancels', async () => {
    await customers('pr', 60, 'p');
    const b = await s.caller.broadcasts.create({ name: 'Pausable', message: email, audience: group('p'), ratePerSecond: 4 });
    await s.caller.broadcasts.send({ id: b.id });
    const sent = async () => (await s.caller.broadcasts.get({ id: b.id })).results.sent;
    await eventually(sent, (n) => n >= 1);
    await s.caller.broadcasts.pause({ id: b.id });
    await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.status === 'paused', 30_000);
    const atPause = await sent();
    expect(atPause).toBeLessThan(60);
    // Paused: the count holds (a page at 4/s would add one send every 250 ms).
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      expect(await sent()).toBe(atPause);
      await new Promise((r) => setTimeout(r, 250));
    }
    await s.caller.broadcasts.resume({ id: b.id });
    await eventually(sent, (n) => n > atPause, 30_000);
    await s.caller.broadcasts.cancel({ id: b.id });
    const cancelled = await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.status === 'cancelled', 30_000);
    expect(cancelled.results.sent).toBeLessThan(60);
    expect(cancelled.finishedAt).not.toBeNull();
    await expect(s.caller.broadcasts.resume({ id: b.id })).rejects.toThrow(/cancelled/);
  }, 90_000);

  it('waits for quiet hours like a journey send: the message is deferred, not sent, and the broadcast waits for it until cancelled', async () => {
    await s.db.customer.create({ data: { id: 'quiet-1', email: 'quiet@example.com', timeZone: 'UTC', attributes: { group: 'quiet' } } });
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const before = await s.caller.policy.settings();
    await s.caller.policy.saveSettings({ ...before, quietHours: { start: hhmm(Date.now() - 3_600_000), end: hhmm(Date.now() + 7_200_000), days: [], exemptTransactional: false } });
    try {
      const b = await s.caller.broadcasts.create({ name: 'Quiet', message: email, audience: group('quiet') });
      await s.caller.broadcasts.send({ id: b.id });
      const waiting = await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.results.deferred === 1);
      expect(waiting.status).toBe('sending');
      const row = await s.db.message.findFirstOrThrow({ where: { nodeId: b.id } });
      expect(row).toMatchObject({ status: 'deferred', policyCode: 'quiet-hours' });
      expect(row.deferredUntil!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
      await s.caller.broadcasts.cancel({ id: b.id });
      await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.status === 'cancelled');
      expect((await s.caller.broadcasts.get({ id: b.id })).results.sent).toBe(0);
    } finally {
      await s.caller.policy.saveSettings(before);
    }
  }, 60_000);

  it('refuses what cannot be sent, in words', async () => {
    await expect(s.caller.broadcasts.create({ name: 'x', message: { type: 'trigger.event', event: 'x' }, audience: { kind: 'all' } })).rejects.toThrow();
    await expect(s.caller.broadcasts.create({ name: 'x', message: email, audience: { kind: 'all' }, timing: { mode: 'at', at: Date.now() - 3_600_000 } })).rejects.toThrow(/in the past/);
    await expect(s.caller.broadcasts.create({ name: 'x', message: email, audience: { kind: 'segment', segmentId: 'nope' } })).rejects.toThrow(/no saved segment "nope"/);
  });

  it("sends to a saved segment's members only, and at the same local time per zone (passed: at once)", async () => {
    await s.db.customer.createMany({
      data: [
        { id: 'seg-in-1', email: 'in1@example.com', timeZone: 'Asia/Tokyo', attributes: { plan: 'gold' } },
        { id: 'seg-in-2', email: 'in2@example.com', timeZone: 'America/New_York', attributes: { plan: 'gold' } },
        { id: 'seg-in-3', email: 'in3@example.com', attributes: { plan: 'gold' } },
        { id: 'seg-out', email: 'out@example.com', attributes: { plan: 'tin' } },
      ],
    });
    const gold = await s.caller.segments.create({ name: 'Gold plan', definition: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'gold' }] } });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const b = await s.caller.broadcasts.create({ name: 'Gold', message: email, audience: { kind: 'segment', segmentId: gold.id }, timing: { mode: 'local', date: yesterday, time: '09:00', timeZone: 'Europe/Paris' }, ratePerSecond: 100 });
    await s.caller.broadcasts.send({ id: b.id });
    const done = await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.status === 'done', 60_000);
    expect(done).toMatchObject({ total: 3, processed: 3, results: { sent: 3 } });
    const to = (await s.db.message.findMany({ where: { nodeId: b.id } })).map((m) => m.customerId).sort();
    expect(to).toEqual(['seg-in-1', 'seg-in-2', 'seg-in-3']);
  }, 90_000);
});

describe('a broadcast that enrols its audience into a journey', () => {
  const journey = {
    id: 'bc-journey',
    name: 'Winter welcome',
    nodes: [
      { id: 'by-hand', type: 'trigger.manual' },
      { id: 'mail', type: 'action.email', subject: 'Welcome to winter, {{ customer.firstName }}', body: 'Here is what is new.', topic: 'promotions' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'by-hand', target: 'mail' },
      { id: 'e2', source: 'mail', target: 'done' },
    ],
  };

  it('enrols each customer of the audience once through the manual trigger: entry rules and the delivery policy apply, progress is counted', async () => {
    await customers('bj', 6, 'j');
    await customers('bj-other', 2, 'k');
    await s.caller.suppressions.add({ customerId: 'bj-003', channel: 'email', reason: 'unsubscribed', source: 'test' });

    // Refused in words, nothing stored: no message nor journey, a journey not live, one without a manual trigger.
    const before = await s.db.broadcast.count();
    await expect(s.caller.broadcasts.create({ name: 'Nothing', audience: group('j') })).rejects.toThrow(/give a message or a journey/);
    await expect(s.caller.broadcasts.create({ name: 'Draft', journeyId: 'bc-journey', audience: group('j') })).rejects.toThrow(/no journey "bc-journey"/);
    const eventJourney = { ...journey, id: 'bc-event-journey', name: 'On signup', nodes: journey.nodes.map((n) => (n.id === 'by-hand' ? { id: 'by-hand', type: 'trigger.event', event: 'Signed Up' } : n)) };
    await s.publish(eventJourney);
    await expect(s.caller.broadcasts.create({ name: 'Wrong trigger', journeyId: 'bc-event-journey', audience: group('j') })).rejects.toThrow(/"On signup" has no "Enrolled by API or by hand" trigger/);
    expect(await s.db.broadcast.count()).toBe(before);

    await s.publish(journey);
    expect(await s.caller.broadcasts.journeys()).toContainEqual({ id: 'bc-journey', name: 'Winter welcome' });
    // Already in the journey before the broadcast: the entry rules (once) turn them away.
    expect(await s.caller.journeys.enrol({ journeyId: 'bc-journey', customerId: 'bj-000' })).toMatchObject({ enrolled: true });

    const b = await s.caller.broadcasts.create({ name: 'Enrol the j group', journeyId: 'bc-journey', audience: group('j'), ratePerSecond: 20 });
    await s.caller.broadcasts.send({ id: b.id });
    const done = await eventually(() => s.caller.broadcasts.get({ id: b.id }), (x) => x.status === 'done' && x.entries?.waiting === 0 && x.entries.requested === 6, 60_000);
    expect(done.entries).toEqual({ requested: 6, waiting: 0, enrolled: 5, skipped: 1 });
    // A rules audience is narrowed page by page: every live customer is gone through.
    expect(done.processed).toBe(done.total);
    expect(done.total).toBe(await s.db.customer.count({ where: { mergedInto: null } }));
    // The broadcast itself sent nothing: the journey's email did, through the policy.
    expect(done.results.sent).toBe(0);
    const enrolled = await s.db.enrolment.findMany({ where: { journeyId: 'bc-journey' }, select: { customerId: true } });
    expect(enrolled.map((e) => e.customerId).sort()).toEqual(['bj-000', 'bj-001', 'bj-002', 'bj-003', 'bj-004', 'bj-005']);
    const mails = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'bc-journey', nodeId: 'mail' }, select: { customerId: true, status: true } }),
      (m) => m.filter((x) => x.status === 'sent' || x.status === 'suppressed').length === 6,
      60_000,
    );
    expect(mails.find((m) => m.customerId === 'bj-003')?.status).toBe('suppressed');
    expect(mails.filter((m) => m.customerId.startsWith('bj-other'))).toEqual([]);

    // A second broadcast to the same audience enrols no one again (entry: once).
    const again = await s.caller.broadcasts.create({ name: 'Again', journeyId: 'bc-journey', audience: group('j'), ratePerSecond: 50 });
    await s.caller.broadcasts.send({ id: again.id });
    const second = await eventually(() => s.caller.broadcasts.get({ id: again.id }), (x) => x.status === 'done' && x.entries?.waiting === 0 && x.entries.requested === 6, 60_000);
    expect(second.entries).toEqual({ requested: 6, waiting: 0, enrolled: 0, skipped: 6 });
    expect(await s.db.enrolment.count({ where: { journeyId: 'bc-journey' } })).toBe(6);
  }, 120_000);
});
