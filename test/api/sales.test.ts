/**
 * The sales handoff on the real stack (embedded PostgreSQL, Temporal dev server, the worker with
 * real activities, a real SMTP server from support/mail-sink.ts): routing skips an away rep, the
 * chosen rep is emailed and sees the task (another rep does not), the ice-breaker goes out through
 * the delivery policy, "won" sends the waiting journey down "won"; a task whose time runs out is
 * escalated to the team lead (emailed) and the journey takes "timeout"; a customer who refused
 * contact cannot be messaged or called by a person; the figures count all of it.
 */
import { createCaller } from '@cairn/api';
import { statusQuery } from '@cairn/engine/workflow';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from './support/mail-sink.js';
import { eventually, useStack, type Stack } from './support/stack.js';

let s: Stack;
let sink: MailSink;
useStack(
  (stack) => (s = stack),
  async () => {
    sink = await startMailSink();
    return { SMTP_URL: sink.url, SMTP_FROM: 'Shop <hello@shop.example>' };
  },
);
afterAll(() => sink?.close());

const PASSWORD = 'a long enough password 1';
const as = async (email: string) => {
  const u = await s.db.user.findUniqueOrThrow({ where: { email } });
  return createCaller({ db: s.db, runner: s.runner, clock: { now: () => Date.now() }, user: { id: u.id, email: u.email, name: u.name, role: u.role as 'admin' | 'member' }, channels: s.channels });
};

/** Trigger -> assign (waits) -> won: tag "won" / timeout: tag "escalated". */
const handoff = (id: string, assign: Record<string, unknown>) => ({
  id,
  name: id,
  nodes: [
    { id: 'order', type: 'trigger.event', event: `${id} order` },
    { id: 'assign', type: 'action.assignRep', team: 'sales', routing: 'roundRobin', taskTitle: 'Call {{ customer.firstName }}', waitForOutcome: true, ...assign },
    { id: 'won', type: 'action.tag', tag: 'won' },
    { id: 'late', type: 'action.tag', tag: 'escalated' },
    { id: 'end', type: 'exit' },
    { id: 'bought', type: 'goal', event: `${id} bought` },
  ],
  edges: [
    { id: 'e1', source: 'order', target: 'assign' },
    { id: 'e2', source: 'assign', sourceHandle: 'won', target: 'won' },
    { id: 'e3', source: 'assign', sourceHandle: 'timeout', target: 'late' },
    { id: 'e4', source: 'won', target: 'end' },
    { id: 'e5', source: 'late', target: 'end' },
  ],
});

const enter = async (id: string, customer: string, traits: Record<string, unknown>) => {
  await s.post('/v1/identify', { userId: customer, traits });
  await s.post('/v1/track', { userId: customer, event: `${id} order`, messageId: `${customer}-${id}` });
  const task = await eventually(() => s.db.salesTask.findFirst({ where: { customerId: customer, journeyId: id } }), (t) => t !== null);
  if (!task) throw new Error(`no task for ${customer}`);
  return task;
};
const tagsOf = async (id: string) => ((await s.db.customer.findUniqueOrThrow({ where: { id } })).attributes as { tags?: string[] }).tags ?? [];

beforeAll(async () => {
  for (const email of ['away@shop.example', 'mai@shop.example', 'lead@shop.example']) await s.caller.users.create({ email, name: email.split('@')[0] ?? '', role: 'member', password: PASSWORD });
  await s.caller.sales.saveTeam({ name: 'sales', leadEmail: 'lead@shop.example' });
  // All day, every day: due times are now whatever the day the suite runs.
  const hours = { team: 'sales', timeZone: 'Asia/Ho_Chi_Minh', workStart: '00:00', workEnd: '00:00', workDays: [1, 2, 3, 4, 5, 6, 7] };
  await s.caller.sales.saveRep({ email: 'away@shop.example', ...hours, away: true });
  await s.caller.sales.saveRep({ email: 'mai@shop.example', ...hours });
  await s.caller.sales.saveRep({ email: 'lead@shop.example', ...hours, team: undefined });
}, 60_000);

describe('sales handoff', () => {
  it('routes past an away rep, emails the rep, and the journey goes down "won" when the rep records it', async () => {
    await s.publish(handoff('vip', { iceBreaker: 'Hello {{ customer.firstName }}, thank you for choosing us! What made you pick the blue one?' }));
    const task = await enter('vip', 'lan', { firstName: 'Lan', email: 'lan@example.test' });
    const mai = await s.db.user.findUniqueOrThrow({ where: { email: 'mai@shop.example' } });
    expect(task.repUserId).toBe(mai.id);
    expect(task.routeReason).toBe("assigned to mai@shop.example, next in team sales's rotation (passed over: away@shop.example is away)");
    expect(task.iceBreaker).toBe('Hello Lan, thank you for choosing us! What made you pick the blue one?');
    await eventually(async () => sink.mails.filter((m) => m.to.includes('mai@shop.example')).length, (n) => n === 1);

    const repCaller = await as('mai@shop.example');
    const inbox = await repCaller.sales.inbox({});
    expect([...inbox.overdue, ...inbox.today, ...inbox.upcoming].map((t) => t.id)).toEqual([task.id]);
    // Another rep does not see it.
    await expect((await as('away@shop.example')).sales.task({ id: task.id })).rejects.toThrow(/no task/);

    const sent = await repCaller.sales.send({ id: task.id, channel: 'email' });
    expect(sent.status).toBe('sent');
    const mail = await eventually(async () => sink.mails.find((m) => m.to.includes('lan@example.test')), (m) => m !== undefined);
    expect(mail?.raw).toContain('What made you pick the blue one?');
    // A second click sends nothing more.
    expect((await repCaller.sales.send({ id: task.id, channel: 'email' })).replayed).toBe(true);

    expect((await repCaller.sales.recordOutcome({ id: task.id, outcome: 'won' })).journeyTold).toBe(true);
    await eventually(() => tagsOf('lan'), (t) => t.includes('won'));
    const enrolment = await eventually(() => s.db.enrolment.findFirstOrThrow({ where: { customerId: 'lan', journeyId: 'vip' } }), (e) => e.status === 'completed');
    const step = await s.db.nodeEvent.findFirst({ where: { enrolmentId: enrolment.id, nodeId: 'assign', output: 'won' } });
    expect(step?.reason).toBe('mai@shop.example recorded won');
    await expect(repCaller.sales.recordOutcome({ id: task.id, outcome: 'lost' })).rejects.toThrow(/already has its outcome: won/);
  }, 90_000);

  it('a task without an outcome in time is escalated to the team lead, who is emailed, and the journey takes "timeout"', async () => {
    await s.publish(handoff('late', { dueIn: { amount: 0, unit: 'minutes' }, timeoutAfter: { amount: 0, unit: 'minutes' } }));
    const task = await enter('late', 'hoa', { firstName: 'Hoa', email: 'hoa@example.test' });
    await eventually(() => tagsOf('hoa'), (t) => t.includes('escalated'));
    const after = await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id } });
    const lead = await s.db.user.findUniqueOrThrow({ where: { email: 'lead@shop.example' } });
    expect(after.status).toBe('escalated');
    expect(after.repUserId).toBe(lead.id);
    await eventually(async () => sink.mails.filter((m) => m.to.includes('lead@shop.example') && m.raw.includes('Escalated')).length, (n) => n === 1);
    expect((await (await as('lead@shop.example')).sales.task({ id: task.id })).logs.map((l) => l.kind)).toContain('escalated');
  }, 90_000);

  it('a customer who refused contact: the task says do not contact, and sending or calling is refused', async () => {
    await s.post('/v1/identify', { userId: 'quiet', traits: { firstName: 'Quiet', email: 'quiet@example.test' } });
    await s.caller.suppressions.add({ customerId: 'quiet', channel: 'all', reason: 'refused_contact', source: 'api' });
    const task = await enter('vip', 'quiet', { firstName: 'Quiet', email: 'quiet@example.test' });
    const admin = s.caller;
    const page = await admin.sales.task({ id: task.id });
    expect(page.doNotContact.all).toBe(true);
    await expect(admin.sales.send({ id: task.id, channel: 'email' })).rejects.toThrow(/^do not contact/);
    await expect(admin.sales.logCall({ id: task.id, note: 'tried' })).rejects.toThrow(/^do not contact/);
    expect(sink.mails.some((m) => m.to.includes('quiet@example.test'))).toBe(false);
    expect((await s.db.message.findFirstOrThrow({ where: { customerId: 'quiet' } })).status).toBe('suppressed');
  }, 90_000);

  it('a goal reached while the journey waits on the task ends the journey; the task stays with the rep', async () => {
    const task = await enter('vip', 'tuan', { firstName: 'Tuan', email: 'tuan@example.test' });
    await s.post('/v1/track', { userId: 'tuan', event: 'vip bought', messageId: 'tuan-bought' });
    // 'waiting' (at the assign step) is where it rests before the goal event lands: wait past it.
    const e = await eventually(() => s.db.enrolment.findFirstOrThrow({ where: { customerId: 'tuan', journeyId: 'vip' } }), (x) => x.status !== 'active' && x.status !== 'waiting', 30_000);
    expect([e.status, e.exitReason]).toEqual(['completed', 'goal']);
    expect((await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
  }, 90_000);

  it('figures: time to first contact, overdue and outcome rates per rep and team', async () => {
    const f = await s.caller.sales.figures({});
    const mai = f.reps.find((r) => r.label === 'mai@shop.example');
    expect(mai).toMatchObject({ contacted: 1, outcomes: { won: 1, lost: 0, no_answer: 0, call_back: 0 }, winRate: 1 });
    expect(mai?.medianFirstContactMinutes).toBeGreaterThanOrEqual(0);
    expect(f.teams.find((t) => t.label === 'sales')?.tasks).toBe(4);
    expect(f.total.overdue).toBeGreaterThanOrEqual(1);
  });

  it('"call back at": the task is rescheduled (open, due then, upcoming) and the journey waits on, its deadline moved with it', async () => {
    await s.publish(handoff('callback', { dueIn: { amount: 0, unit: 'minutes' }, timeoutAfter: { amount: 1, unit: 'minutes' } }));
    const task = await enter('callback', 'minh', { firstName: 'Minh', email: 'minh@example.test' });
    const grace = (task.timeoutAt?.getTime() ?? 0) - task.dueAt.getTime();
    expect(grace).toBe(60_000);
    const client = new Client({ connection: await Connection.connect({ address: s.temporalAddress }) });
    const deadline = () => client.workflow.getHandle(task.workflowId).query(statusQuery).then((v) => v.deadline);
    await eventually(deadline, (d) => d === task.timeoutAt?.getTime());

    const rep = await as('mai@shop.example');
    await expect(rep.sales.recordOutcome({ id: task.id, outcome: 'call_back', callBackAt: new Date(Date.now() - 60_000).toISOString() })).rejects.toThrow(/must be in the future/);
    // Two days on: past today in any time zone, so "upcoming".
    const callBackAt = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 60_000) * 60_000);
    const r = await rep.sales.recordOutcome({ id: task.id, outcome: 'call_back', callBackAt: callBackAt.toISOString(), note: 'busy, call Tuesday' });
    expect([r.journey, r.journeyTold, r.timeoutAt?.getTime()]).toEqual(['told', true, callBackAt.getTime() + grace]);
    const moved = await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id }, include: { logs: true } });
    expect([moved.status, moved.outcome, moved.dueAt.getTime(), moved.timeoutAt?.getTime(), moved.journeyBranch]).toEqual(['open', 'call_back', callBackAt.getTime(), callBackAt.getTime() + grace, null]);
    expect(moved.logs.map((l) => l.kind).filter((k) => k !== 'notified')).toEqual(['assigned', 'rescheduled']);
    const inbox = await rep.sales.inbox({});
    expect(inbox.upcoming.map((t) => t.id)).toContain(task.id);
    expect([...inbox.overdue, ...inbox.today].map((t) => t.id)).not.toContain(task.id);
    // The workflow measures its timeout from the new due time (not the old deadline, a minute after entry).
    await eventually(deadline, (d) => d === callBackAt.getTime() + grace);
    await new Promise((ok) => setTimeout(ok, Math.max(0, (task.timeoutAt?.getTime() ?? 0) + 2_000 - Date.now())));
    expect(await tagsOf('minh')).not.toContain('escalated');
    const waiting = await s.db.enrolment.findFirstOrThrow({ where: { customerId: 'minh', journeyId: 'callback' } });
    expect([waiting.status, waiting.currentNodeId]).toEqual(['waiting', 'assign']);

    // The call happens: the real outcome ends the wait, once.
    expect((await rep.sales.recordOutcome({ id: task.id, outcome: 'won' })).journey).toBe('told');
    await eventually(() => tagsOf('minh'), (t) => t.includes('won'));
    const e = await eventually(() => s.db.enrolment.findFirstOrThrow({ where: { customerId: 'minh', journeyId: 'callback' } }), (x) => x.status === 'completed');
    const steps = await s.db.nodeEvent.findMany({ where: { enrolmentId: e.id, nodeId: 'assign', output: { not: null } } });
    expect(steps.map((x) => x.output)).toEqual(['won']);
    expect(await tagsOf('minh')).not.toContain('escalated');
    expect((await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id } })).journeyBranch).toBe('won');
    await client.connection.close();
  }, 120_000);

  it('an outcome recorded after the journey timed out is kept on the task and counted, the journey is not continued again', async () => {
    const before = await s.caller.sales.figures({});
    // Escalated (to the lead) on timeout, and without escalation: the deadline alone says it.
    await s.publish(handoff('gone', { dueIn: { amount: 0, unit: 'minutes' }, timeoutAfter: { amount: 0, unit: 'minutes' } }));
    await s.publish(handoff('quietgone', { dueIn: { amount: 0, unit: 'minutes' }, timeoutAfter: { amount: 0, unit: 'minutes' }, escalate: false }));
    for (const [journey, customer, who, outcome] of [['gone', 'khanh', 'lead@shop.example', 'won'], ['quietgone', 'phuong', 'mai@shop.example', 'lost']] as const) {
      const task = await enter(journey, customer, { firstName: customer, email: `${customer}@example.test` });
      await eventually(() => tagsOf(customer), (t) => t.includes('escalated'));
      const e = await eventually(() => s.db.enrolment.findFirstOrThrow({ where: { customerId: customer, journeyId: journey } }), (x) => x.status === 'completed');
      const rep = await as(who);
      const r = await rep.sales.recordOutcome({ id: task.id, outcome });
      expect([r.journey, r.journeyTold]).toEqual(['movedOn', false]);
      const page = await rep.sales.task({ id: task.id });
      expect([page.journeyMovedOn, page.task.status, page.task.outcome, page.task.journeyBranch]).toEqual([true, 'done', outcome, 'timeout']);
      expect(page.logs.at(-1)?.note).toBe(`${outcome} · recorded after the journey had moved on (no outcome in time)`);
      // No second continuation: the step left once, by timeout, and the outcome's branch never ran.
      await new Promise((ok) => setTimeout(ok, 1_000));
      expect((await s.db.nodeEvent.findMany({ where: { enrolmentId: e.id, nodeId: 'assign', output: { not: null } } })).map((x) => x.output)).toEqual(['timeout']);
      expect(await tagsOf(customer)).not.toContain('won');
      await expect(rep.sales.recordOutcome({ id: task.id, outcome: 'won' })).rejects.toThrow(/already has its outcome/);
    }
    const after = await s.caller.sales.figures({});
    expect(after.total.outcomes.won - before.total.outcomes.won).toBe(1);
    expect(after.total.outcomes.lost - before.total.outcomes.lost).toBe(1);
    expect(after.reps.find((x) => x.label === 'lead@shop.example')?.outcomes.won).toBe(1);
  }, 120_000);

  it('nobody free, lead away too: the task waits unassigned, the lead is emailed and sees it in their inbox', async () => {
    await (await as('mai@shop.example')).sales.setAway({ away: true });
    await (await as('lead@shop.example')).sales.setAway({ away: true });
    const task = await enter('vip', 'nobody', { firstName: 'Nobody', email: 'nobody@example.test' });
    expect(task.repUserId).toBeNull();
    expect(task.routeReason).toBe('nobody is available: the task waits, unassigned, for team sales (passed over: away@shop.example is away; mai@shop.example is away; lead@shop.example is away)');
    await eventually(async () => sink.mails.filter((m) => m.to.includes('lead@shop.example') && m.raw.includes('Unassigned task')).length, (n) => n === 1);
    const leadInbox = await (await as('lead@shop.example')).sales.inbox({});
    expect([...leadInbox.overdue, ...leadInbox.today, ...leadInbox.upcoming].map((t) => t.id)).toContain(task.id);
    // Not a lead: only their own.
    const maiInbox = await (await as('mai@shop.example')).sales.inbox({});
    expect([...maiInbox.overdue, ...maiInbox.today, ...maiInbox.upcoming].map((t) => t.id)).not.toContain(task.id);
  }, 90_000);
  it('figures: admins see all, a lead their team and own, a rep only their own; anyone else is refused', async () => {
    await s.caller.users.create({ email: 'marketer@shop.example', name: 'marketer', role: 'member', password: PASSWORD });
    await expect((await as('marketer@shop.example')).sales.figures({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const all = await s.caller.sales.figures({});
    const mine = await (await as('mai@shop.example')).sales.figures({});
    expect(mine.reps.map((r) => r.label)).toEqual(['mai@shop.example']);
    expect(mine.total.tasks).toBe(all.reps.find((r) => r.label === 'mai@shop.example')?.tasks);
    const lead = await (await as('lead@shop.example')).sales.figures({});
    // Lead of "sales": every task of the team (whoever holds it, unassigned too) and their own.
    const team = await s.db.salesTask.count({ where: { OR: [{ teamId: (await s.db.salesTeam.findUniqueOrThrow({ where: { name: 'sales' } })).id }, { repUserId: (await s.db.user.findUniqueOrThrow({ where: { email: 'lead@shop.example' } })).id }] } });
    expect(lead.total.tasks).toBe(team);
    expect(lead.total.tasks).toBeGreaterThan(mine.total.tasks);
    expect(all.total.tasks).toBeGreaterThanOrEqual(lead.total.tasks);
  });
});
