/**
 * The sales handoff in real Chromium against the real stack (embedded PostgreSQL, Temporal dev
 * server, worker, the API serving the built editor) and a real SMTP server: a high-value customer
 * enters the "High-value hand-off" template, a task is created for the team's rep, the rep signs
 * in, opens it from the inbox, sends the ice-breaker (it arrives at the SMTP server), records
 * "won", and the journey goes on down "won". A task whose time runs out is escalated: the lead
 * sees it in their inbox. A customer who refused contact: the task page says "Do not contact"
 * and the API refuses the rep's send. Screenshots in test/artifacts/sales-*.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MailSink } from '../api/support/mail-sink.js';
import { eventually, type Stack } from '../api/support/stack.js';
import { seriousViolations } from './support/axe.js';
import { ARTIFACTS, openLiveEditor, type LiveEditor } from './support/live.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let stack: Stack;
let sink: MailSink;
let browser: Browser;
let page: Page;
let errors: string[];
const PASSWORD = 'a long enough password 1';
const MAI = 'mai@shop.example';
const LEAD = 'lead@shop.example';

beforeAll(async () => {
  live = await openLiveEditor('sales', {}, { mail: true, servedBy: 'api' });
  ({ stack, browser, page, errors } = live);
  sink = live.sink!;
  const c = stack.caller;
  for (const email of [MAI, LEAD]) await c.users.create({ email, name: email.split('@')[0] ?? '', role: 'member', password: PASSWORD });
  await c.sales.saveTeam({ name: 'key-accounts', leadEmail: LEAD });
  // Working all day, every day, so the due times do not depend on when the suite runs.
  const hours = { timeZone: 'Asia/Ho_Chi_Minh', workStart: '00:00', workEnd: '00:00', workDays: [1, 2, 3, 4, 5, 6, 7] };
  await c.sales.saveRep({ email: MAI, team: 'key-accounts', ...hours });
  await c.sales.saveRep({ email: LEAD, ...hours });
}, 300_000);

afterAll(() => live?.close(), 60_000);

const shoot = async (p: Page, name: string) => {
  await p.screenshot({ path: join(ARTIFACTS, `sales-${name}-1440.png`), fullPage: false });
  await p.setViewportSize({ width: 1280, height: 720 });
  await p.screenshot({ path: join(ARTIFACTS, `sales-${name}-1280.png`) });
  await p.setViewportSize({ width: 1440, height: 900 });
};

const order = async (customer: string, traits: Record<string, unknown>, event = 'Order Completed') => {
  await stack.post('/v1/identify', { userId: customer, traits });
  await stack.post('/v1/track', { userId: customer, event, properties: { orderId: `D-${customer}`, total: 120 }, messageId: `${customer}-${event}` });
  const task = await eventually(() => stack.db.salesTask.findFirst({ where: { customerId: customer } }), (t) => t !== null, 30_000);
  if (!task) throw new Error(`no task for ${customer}`);
  return task;
};

it('a high-value customer gets a task for the rep, who sends the ice-breaker and records "won"; the journey goes on down "won"', { timeout: 150_000 }, async () => {
  const draft = await stack.caller.templates.instantiate({ id: 'high-value-handoff', params: {} });
  await stack.caller.journeys.publish({ id: draft.id, note: 'e2e' });
  const task = await order('phuong', { firstName: 'Phuong', email: 'phuong@example.test', lifetimeValue: 8000 });
  const mai = await stack.db.user.findUniqueOrThrow({ where: { email: MAI } });
  expect(task.repUserId).toBe(mai.id);
  // The rep is told by email.
  await eventually(async () => sink.mails.filter((m) => m.to.includes(MAI) && m.raw.includes('New task')).length, (n) => n === 1);

  await page.goto(`${stack.url}/#/`);
  await signInThroughForm(page, MAI, PASSWORD);
  await page.getByTestId('open-tasks').click();
  await page.getByTestId('tasks-page').waitFor();
  await expect.poll(() => page.getByTestId('task-row').count()).toBe(1);
  await shoot(page, 'inbox');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('task-row').getByRole('link').click();
  await page.getByTestId('task-page').waitFor();
  expect(await page.getByTestId('icebreaker-body').inputValue()).toMatch(/^Hello Phuong, thank you for your order D-phuong! I am your personal advisor\./);
  expect(await page.getByTestId('task-attributes').textContent()).toContain('8000');
  await shoot(page, 'task');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('send-email').click();
  await expect.poll(() => page.getByTestId('task-notice').textContent()).toBe('Sent by email to phuong@example.test');
  const mail = await eventually(async () => sink.mails.find((m) => m.to.includes('phuong@example.test') && m.raw.includes('I am your personal advisor')), (m) => m !== undefined);
  expect(mail?.headers.get('subject')).toBe('Your personal advisor');
  await expect.poll(() => page.getByTestId('task-messages').textContent()).toContain('sent · Your personal advisor');

  await page.getByTestId('outcome-won').click();
  await expect.poll(() => page.getByTestId('task-status').textContent()).toBe('outcome: won');
  const enrolment = await eventually(() => stack.db.enrolment.findFirstOrThrow({ where: { customerId: 'phuong', journeyId: draft.id } }), (e) => e.status === 'completed', 30_000);
  const steps = await stack.db.nodeEvent.findMany({ where: { enrolmentId: enrolment.id }, orderBy: { seq: 'asc' } });
  expect(steps.find((s) => s.nodeId === 'assign-rep' && s.output === 'won')?.reason).toBe(`${MAI} recorded won`);
  expect(enrolment.currentNodeId).toBe('done-high');
  await shoot(page, 'won');

  // The figures: one task, contacted, won.
  await page.goto(`${stack.url}/#/tasks/figures`);
  const row = page.getByTestId('figures-reps').getByRole('row').filter({ hasText: MAI });
  await expect.poll(() => row.textContent()).toMatch(/^mai@shop\.example1\d*0\d+(\.\d)? min \(1 contacted\)1 \(100%\)0 \(0%\)0 \(0%\)0 \(0%\)100%$/);
  await shoot(page, 'figures');
  expect(errors).toEqual([]);
});

it('a task whose time runs out is escalated to the team lead, who sees it in their inbox', { timeout: 90_000 }, async () => {
  await stack.publish({
    id: 'quick-handoff',
    name: 'Quick hand-off',
    nodes: [
      { id: 'ordered', type: 'trigger.event', event: 'Quick Order' },
      { id: 'assign', type: 'action.assignRep', team: 'key-accounts', taskTitle: 'Call {{ customer.firstName }} today', waitForOutcome: true, dueIn: { amount: 0, unit: 'minutes' }, timeoutAfter: { amount: 0, unit: 'minutes' } },
      { id: 'end', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'ordered', target: 'assign' },
      { id: 'e2', source: 'assign', sourceHandle: 'won', target: 'end' },
      { id: 'e3', source: 'assign', sourceHandle: 'timeout', target: 'end' },
    ],
  } as never);
  const task = await order('hoa', { firstName: 'Hoa', email: 'hoa@example.test' }, 'Quick Order');
  await eventually(() => stack.db.salesTask.findUniqueOrThrow({ where: { id: task.id } }), (t) => t.status === 'escalated', 30_000);
  await eventually(async () => sink.mails.filter((m) => m.to.includes(LEAD) && m.raw.includes('Escalated')).length, (n) => n === 1);
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const lead = await ctx.newPage();
  await lead.goto(`${stack.url}/#/tasks`);
  await signInThroughForm(lead, LEAD, PASSWORD);
  await lead.getByTestId('tasks-page').waitFor();
  await expect.poll(() => lead.getByTestId('tasks-overdue').textContent()).toContain('Call Hoa today');
  expect(await lead.getByTestId('tasks-overdue').textContent()).toContain('escalated');
  // The journey took "timeout": the page says so, and an outcome now is kept on the task only.
  await lead.getByTestId('tasks-overdue').getByRole('link', { name: 'Call Hoa today' }).click();
  await lead.getByTestId('task-page').waitFor();
  expect(await lead.getByTestId('journey-moved-on').textContent()).toMatch(/^The journey has already moved on: it took the timeout branch at .+\. An outcome recorded now stays on the task/);
  await lead.getByTestId('outcome-won').click();
  await expect.poll(() => lead.getByTestId('task-notice').textContent()).toBe('Recorded: Won. The journey had already moved on (timeout branch): the outcome is kept on the task only.');
  await expect.poll(() => lead.getByTestId('journey-moved-on').textContent()).toMatch(/^This outcome was recorded after the journey had already moved on/);
  await shoot(lead, 'moved-on');
  expect(await seriousViolations(lead)).toEqual([]);
  expect(await stack.db.salesTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'done', outcome: 'won', journeyBranch: 'timeout' });
  await ctx.close();
});

it('"call back at" keeps the task open, due then, and the journey waits on', { timeout: 90_000 }, async () => {
  const task = await order('lan', { firstName: 'Lan', email: 'lan@example.test', lifetimeValue: 7000 });
  await page.goto(`${stack.url}/#/tasks/${task.id}`);
  await page.getByTestId('task-page').waitFor();
  // The datetime-local input takes the browser's local time; two days on, on the hour.
  const at = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000);
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, at.getTime());
  await page.getByTestId('call-back-at').fill(local);
  await page.getByTestId('outcome-call_back').click();
  await expect.poll(() => page.getByTestId('task-notice').textContent()).toBe('Recorded: Call back');
  await expect.poll(() => page.getByTestId('call-back').textContent()).toMatch(/^Call back at .+; the journey waits for the outcome until .+\.$/);
  expect(await page.getByTestId('task-status').textContent()).toBe('open');
  const moved = await stack.db.salesTask.findUniqueOrThrow({ where: { id: task.id } });
  expect([moved.status, moved.dueAt.getTime()]).toEqual(['open', at.getTime()]);
  await page.goto(`${stack.url}/#/tasks`);
  await expect.poll(() => page.getByTestId('tasks-upcoming').textContent()).toContain('Call Lan');
  expect((await stack.db.enrolment.findFirstOrThrow({ where: { customerId: 'lan' } })).status).toBe('waiting');
  expect(errors).toEqual([]);
});

it('a customer who refused contact: the task page says "Do not contact" and the API refuses the send', { timeout: 90_000 }, async () => {
  await stack.post('/v1/identify', { userId: 'quiet', traits: { firstName: 'Quiet', email: 'quiet@example.test', lifetimeValue: 9000 } });
  await stack.caller.suppressions.add({ customerId: 'quiet', channel: 'all', reason: 'refused_contact', source: 'api' });
  const task = await order('quiet', { firstName: 'Quiet', email: 'quiet@example.test', lifetimeValue: 9000 });
  await page.goto(`${stack.url}/#/tasks/${task.id}`);
  await page.getByTestId('task-page').waitFor();
  expect(await page.getByTestId('do-not-contact').textContent()).toBe('Do not contact: all: refused contact');
  expect(await page.getByTestId('send-email').isDisabled()).toBe(true);
  await shoot(page, 'do-not-contact');
  // The rep's own session asking anyway: refused by the API.
  const refused = await page.evaluate(async (id) => {
    const res = await fetch('/trpc/sales.send', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id, channel: 'email' }) });
    return { status: res.status, body: await res.text() };
  }, task.id);
  expect(refused.status).toBe(412);
  expect(refused.body).toContain('do not contact');
  expect(sink.mails.some((m) => m.to.includes('quiet@example.test'))).toBe(false);
  expect(errors).toEqual([]);
});

it('an admin gives a user the sales role on the team page; a rep marks themselves away', { timeout: 90_000 }, async () => {
  await stack.caller.users.create({ email: 'an@shop.example', name: 'An', role: 'member', password: PASSWORD });
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const admin = await ctx.newPage();
  admin.on('pageerror', (e) => errors.push(e.message));
  await admin.goto(`${stack.url}/#/tasks/team`);
  await signInThroughForm(admin);
  await admin.getByTestId('sales-team').waitFor();
  const form = admin.getByRole('form', { name: 'Rep' });
  await form.getByLabel('Email (an existing user)').fill('an@shop.example');
  await form.getByLabel('Team').selectOption('key-accounts');
  await form.getByLabel('Time zone').fill('Asia/Bangkok');
  await form.getByLabel('Territory (attribute=values; …)').fill('country=VN,TH');
  await form.getByRole('button', { name: 'Save rep' }).click();
  const anRow = admin.getByTestId('reps-table').getByRole('row').filter({ hasText: 'an@shop.example' });
  await expect.poll(() => anRow.textContent()).toBe('an@shop.examplekey-accountsMon Tue Wed Thu Fri 09:00–17:00 (Asia/Bangkok)20yescountry=VN,TH');
  await shoot(admin, 'team');
  await ctx.close();

  // Mai (still signed in) marks herself away: no new tasks for her.
  await page.goto(`${stack.url}/#/tasks`);
  await page.getByTestId('rep-away').check();
  const mai = await stack.db.user.findUniqueOrThrow({ where: { email: MAI } });
  await eventually(() => stack.db.salesRep.findUniqueOrThrow({ where: { userId: mai.id } }), (r) => r.away);
  expect(errors).toEqual([]);
});
