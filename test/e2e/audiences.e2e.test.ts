/**
 * Audiences in real Chromium against the real stack (embedded PostgreSQL, Temporal dev server,
 * worker, API serving the built editor, as `npm start` does) and a real SMTP server: the
 * customer list finds customers, a CSV with a bad row is refused row by row and stores nothing,
 * a good one is imported; then a broadcast to the saved segment "VIPs" is sent from the Broadcasts page, its
 * progress and results are shown, the suppressed VIP is not messaged, and the others' emails
 * arrive at the SMTP server. Screenshots in test/artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Stack } from '../api/support/stack.js';
import type { MailSink } from '../api/support/mail-sink.js';
import { openLiveEditor, type LiveEditor } from './support/live.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let stack: Stack;
let sink: MailSink;
let page: Page;
let errors: string[];

beforeAll(async () => {
  live = await openLiveEditor('audiences', {}, { mail: true, servedBy: 'api' });
  ({ stack, page, errors } = live);
  sink = live.sink!;
}, 300_000);

afterAll(() => live?.close(), 60_000);

const shoot = (name: string) => live.shots(name);

it('lists and imports customers, then sends a broadcast to the VIPs and shows its progress and results', { timeout: 120_000 }, async () => {
  await stack.db.customer.createMany({
    data: [
      ...['ana', 'ben', 'cai', 'dee'].map((n) => ({ id: `vip-${n}`, email: `${n}@example.com`, attributes: { tier: 'vip', firstName: n[0]!.toUpperCase() + n.slice(1) } })),
      { id: 'vip-eve', email: 'eve@example.com', attributes: { tier: 'vip', firstName: 'Eve' } },
      { id: 'reg-fay', email: 'fay@example.com', attributes: { tier: 'regular', firstName: 'Fay' } },
    ],
  });
  await stack.caller.suppressions.add({ customerId: 'vip-eve', channel: 'email', reason: 'unsubscribed', source: 'test' });
  await stack.caller.segments.create({ name: 'VIPs', definition: { op: 'and', rules: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'vip' }] } });

  await page.goto(`${stack.url}/#/`);
  await signInThroughForm(page);
  await page.getByTestId('open-customers').click();
  await page.getByTestId('customers-page').waitFor();
  await page.getByTestId('customers-query').fill('tier=vip');
  await page.getByTestId('customers-search').click();
  await expect.poll(() => page.getByTestId('customer-row').count()).toBe(5);

  // A CSV with a bad row: refused, each problem named, nothing stored.
  const bad = 'id,email,score:number\nnew-1,new1@example.com,3\nnew-2,not-an-email,x\n';
  await page.getByTestId('customers-import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect.poll(() => page.getByTestId('customers-import-status').textContent()).toMatch(/Nothing was imported: 2 problems in bad.csv/);
  expect(await page.getByTestId('customers-import-errors').textContent()).toContain('"not-an-email" is not an email address');
  expect(await stack.db.customer.count({ where: { id: { startsWith: 'new-' } } })).toBe(0);
  await shoot('customers-import-errors');
  const good = 'id,email,tier\nnew-1,new1@example.com,regular\nnew-2,new2@example.com,regular\n';
  await page.getByTestId('customers-import-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect.poll(() => page.getByTestId('customers-import-status').textContent()).toBe('Imported 2 customers from good.csv.');
  expect(await stack.db.customer.count({ where: { id: { startsWith: 'new-' } } })).toBe(2);

  // The broadcast.
  await page.goto(`${stack.url}/#/broadcasts`);
  await page.getByTestId('new-broadcast').click();
  await page.getByTestId('broadcast-name').fill('VIP preview');
  await page.getByTestId('broadcast-subject').fill('A preview for you, {{ customer.firstName }}');
  await page.getByTestId('broadcast-body').fill('Our winter collection, a day early.');
  // The audience: the saved segment, by reference.
  // The audience's size, counted on the server as it is chosen: everyone, attribute rules, a segment.
  await expect.poll(() => page.getByTestId('broadcast-audience-summary').textContent()).toBe('8 customers match now, of 8');
  await page.getByTestId('broadcast-who-rules').check();
  await page.getByTestId('broadcast-attr').fill('tier');
  await page.getByTestId('broadcast-value').fill('Regular');
  await expect.poll(() => page.getByTestId('broadcast-audience-count').textContent()).toBe('3');
  expect(await page.getByTestId('broadcast-audience-sample').textContent()).toMatch(/new-1.*new-2.*reg-fay/);
  await page.getByTestId('broadcast-who-segment').check();
  await page.getByTestId('broadcast-segment').selectOption({ label: 'VIPs (5 now)' });
  await expect.poll(() => page.getByTestId('broadcast-audience-count').textContent()).toBe('5');
  expect(await page.getByTestId('broadcast-audience-sample').textContent()).toMatch(/vip-ana.*vip-ben/);
  await page.getByTestId('broadcast-rate').fill('2');
  await shoot('broadcast-form');
  await page.getByTestId('broadcast-send').click();
  const row = page.getByTestId('broadcast-row').first();
  await row.waitFor();
  // At 2 per second the four sends take a moment: the bar is seen moving.
  await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('sending');
  // The bar moves with each send, before the page of customers is finished.
  await expect.poll(() => row.getByTestId('broadcast-progress-text').textContent(), { timeout: 30_000 }).toMatch(/^[1-4] of 5 customers$/);
  expect(Number(await row.getByTestId('broadcast-progress').getAttribute('value'))).toBeGreaterThan(0);
  await shoot('broadcast-sending');
  await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  expect(await row.getByTestId('broadcast-sent').textContent()).toBe('4');
  expect(await row.getByTestId('broadcast-suppressed').textContent()).toBe('1');
  expect(await row.getByTestId('broadcast-progress-text').textContent()).toBe('5 of 5 customers');
  await shoot('broadcast-done');
  await expect.poll(() => sink.mails.length).toBe(4);
  expect(sink.mails.map((m) => m.to).sort()).toEqual(['ana@example.com', 'ben@example.com', 'cai@example.com', 'dee@example.com']);
  expect(sink.mails.find((m) => m.to === 'ana@example.com')?.headers.get('subject')).toBe('A preview for you, Ana');

  // A broadcast that only enrols the VIPs into a live journey with a manual trigger: each enters
  // once (the journey then sends its own email), the row counts the entries.
  const journey = {
    id: 'vip-journey',
    name: 'VIP onboarding',
    nodes: [
      { id: 'by-hand', type: 'trigger.manual' },
      { id: 'tag', type: 'action.tag', tag: 'onboarded' },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'by-hand', target: 'tag' },
      { id: 'e2', source: 'tag', target: 'done' },
    ],
  };
  await stack.publish(journey);
  await page.reload();
  await page.getByTestId('new-broadcast').click();
  await page.getByTestId('broadcast-name').fill('VIP onboarding');
  await page.getByTestId('broadcast-with-message').uncheck();
  expect(await page.getByTestId('broadcast-subject').count()).toBe(0);
  await page.getByTestId('broadcast-journey').selectOption({ label: 'VIP onboarding' });
  await page.getByTestId('broadcast-who-segment').check();
  await page.getByTestId('broadcast-segment').selectOption({ label: 'VIPs (5 now)' });
  await expect.poll(() => page.getByTestId('broadcast-audience-count').textContent()).toBe('5');
  await shoot('broadcast-journey-form');
  await page.getByTestId('broadcast-send').click();
  const enrolRow = page.getByTestId('broadcast-row').first();
  await expect.poll(() => enrolRow.locator('strong').first().textContent()).toBe('VIP onboarding');
  await expect.poll(() => enrolRow.getByTestId('broadcast-entries').textContent(), { timeout: 60_000 }).toBe('5 entered the journey');
  expect(await enrolRow.getAttribute('data-status')).toBe('done');
  expect(await stack.db.enrolment.count({ where: { journeyId: 'vip-journey' } })).toBe(5);
  await shoot('broadcast-journey-done');
  expect(errors).toEqual([]);
});
