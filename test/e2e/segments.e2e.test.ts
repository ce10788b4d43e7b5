/**
 * Segments in real Chromium against the real stack (embedded PostgreSQL, Temporal dev server,
 * worker, API serving the built editor): a marketer builds a segment on its page, sees the live
 * size estimate and the matching customers while editing, saves it (its size and size chart
 * shown), starts a journey on it with "Use in a new journey", and once that journey is live the
 * segment page lists it and a customer who then enters the segment is enrolled. Then rules on the
 * Segment context: "did Order Completed on iOS" and "seen with channel mobile", picked from the
 * context fields, counted live. Screenshots in test/artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, type Stack } from '../api/support/stack.js';
import { openLiveEditor, type LiveEditor } from './support/live.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let stack: Stack;
let page: Page;
let errors: string[];

beforeAll(async () => {
  live = await openLiveEditor('segments', {}, { servedBy: 'api' });
  ({ stack, page, errors } = live);
}, 300_000);

afterAll(() => live?.close(), 60_000);

const shoot = (name: string) => live.shots(name);

it('builds a segment with a live size, saves it, and uses it in a journey that enrols its new members', { timeout: 180_000 }, async () => {
  for (const [id, plan, orders] of [['ana', 'pro', 2], ['ben', 'pro', 0], ['cai', 'free', 3], ['dee', 'pro', 1]] as const) {
    expect((await stack.post('/v1/identify', { userId: id, traits: { plan, email: `${id}@example.com` } })).status).toBe(200);
    for (let i = 0; i < orders; i++) expect((await stack.post('/v1/track', { userId: id, event: 'Order Completed', properties: { total: 40 } })).status).toBe(200);
  }

  await page.goto(`${stack.url}/#/`);
  await signInThroughForm(page);
  await page.getByTestId('open-segments').click();
  await page.getByTestId('segments-page').waitFor();
  await page.getByTestId('new-segment').click();
  await page.getByTestId('segment-page').waitFor();
  await page.getByTestId('segment-name').fill('Pro buyers');

  // Everyone matches an empty definition; the estimate follows each condition added.
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('4');
  await page.getByTestId('rules-add').selectOption('attribute');
  await page.getByTestId('rules-0-attribute').fill('plan');
  await page.getByTestId('rules-0-value').fill('pro');
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('3');
  await page.getByTestId('rules-add').selectOption('event');
  await page.getByTestId('rules-1-event').fill('Order Completed');
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('2');
  expect(await page.getByTestId('segment-estimate-summary').textContent()).toBe('2 customers match now, of 4');
  expect(await page.getByTestId('segment-estimate-sample').textContent()).toMatch(/ana.*dee/);
  // An incomplete condition is named instead of a count; completing it brings the count back.
  await page.getByTestId('rules-0-attribute').fill('');
  await expect.poll(() => page.getByTestId('segment-estimate-error').textContent()).toContain('name the attribute');
  await page.getByTestId('rules-0-attribute').fill('plan');
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('2');
  await shoot('segment-edit');

  await page.getByTestId('segment-save').click();
  await page.waitForURL(/#\/segments\/seg_/);
  await expect.poll(() => page.getByTestId('segment-size').textContent()).toBe('2');
  await page.getByTestId('segment-size-chart').waitFor();
  expect(await page.getByTestId('segment-used-by').textContent()).toContain('No journey uses this segment yet.');
  const segmentId = decodeURIComponent(page.url().split('#/segments/')[1]!);
  await shoot('segment-saved');

  // A journey on it: the draft opens in the editor with the trigger naming the segment.
  await page.getByTestId('segment-use-in-journey').click();
  await page.waitForURL(/#\/j\/seg-/);
  await expect.poll(() => page.locator('.react-flow').textContent()).toContain('Pro buyers');
  // The trigger's inspector picks segments by name.
  await page.getByTestId('node-entered').click();
  await expect.poll(() => page.getByTestId('field-segmentId').locator('option:checked').textContent()).toBe('Pro buyers (2)');
  const journeyId = page.url().split('#/j/')[1]!;
  const { draft } = await stack.caller.journeys.get({ id: journeyId });
  expect((draft as { nodes: Array<{ type: string; segmentId?: string }> }).nodes[0]).toMatchObject({ type: 'trigger.segment-entered', segmentId });

  // Publishing offers to enrol the two current members, the count shown first.
  await expect.poll(() => page.getByTestId('publish').isEnabled()).toBe(true);
  await page.getByTestId('publish').click();
  const review = page.getByTestId('publish-review');
  await expect.poll(() => review.getByTestId('review-enrol-matching').textContent()).toMatch(/“Pro buyers”: 2\..*Also enrol the 2 customers who match now/);
  await review.getByTestId('enrol-matching').check();
  await shoot('segment-publish-enrol');
  await review.getByTestId('confirm-ok').click();
  await review.waitFor({ state: 'detached' });
  await eventually(() => stack.db.enrolment.findMany({ where: { journeyId }, select: { customerId: true }, orderBy: { customerId: 'asc' } }), (rows) => rows.map((r) => r.customerId).join() === 'ana,dee');

  await page.goto(`${stack.url}/#/segments/${segmentId}`);
  await expect.poll(() => page.getByTestId('segment-used-by').textContent()).toMatch(/Entered Pro buyers\s*live/);
  await shoot('segment-used-by');

  // Ben orders: he enters the segment, and through it the journey.
  expect((await stack.post('/v1/track', { userId: 'ben', event: 'Order Completed', properties: { total: 10 } })).status).toBe(200);
  await eventually(() => stack.db.enrolment.count({ where: { journeyId, customerId: 'ben' } }), (n) => n === 1);
  await page.reload();
  await expect.poll(() => page.getByTestId('segment-size').textContent()).toBe('3');
  expect(errors).toEqual([]);
});

it('builds segments on the Segment context: an event on an iOS device, and "has used the mobile app"', { timeout: 120_000 }, async () => {
  const ios = { device: { type: 'ios', manufacturer: 'Apple' }, os: { name: 'iOS' }, channel: 'mobile', app: { name: 'Shop' } };
  expect((await stack.post('/v1/track', { userId: 'ana', event: 'Order Completed', properties: { total: 5 }, context: ios })).status).toBe(200);
  expect((await stack.post('/v1/identify', { userId: 'cai', traits: { plan: 'free' }, context: { channel: 'mobile', os: { name: 'Android' } } })).status).toBe(200);
  expect((await stack.post('/v1/track', { userId: 'dee', event: 'Order Completed', properties: { total: 5 }, context: { channel: 'browser', campaign: { source: 'newsletter' } } })).status).toBe(200);

  await page.goto(`${stack.url}/#/segments/new`);
  await page.getByTestId('segment-page').waitFor();
  await page.getByTestId('segment-name').fill('Ordered on iOS');
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('4');
  await page.getByTestId('rules-add').selectOption('event');
  await page.getByTestId('rules-0-event').fill('Order Completed');
  await page.getByTestId('rules-0-add-context').click();
  await page.getByTestId('rules-0-context-0-field').fill('os.name');
  await page.getByTestId('rules-0-context-0-value').fill('ios');
  // All four ordered; only ana on iOS.
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('1');
  expect(await page.getByTestId('segment-estimate-sample').textContent()).toMatch(/ana/);
  await shoot('segment-context-event');
  await page.getByTestId('segment-save').click();
  await page.waitForURL(/#\/segments\/seg_/);
  await expect.poll(() => page.getByTestId('segment-size').textContent()).toBe('1');

  // "Seen with" any event: ana (iOS order) and cai (identify from Android) used the mobile app.
  await page.goto(`${stack.url}/#/segments/new`);
  await page.getByTestId('segment-page').waitFor();
  await page.getByTestId('segment-name').fill('Mobile app users');
  await page.getByTestId('rules-add').selectOption('seen');
  await expect.poll(() => page.getByTestId('rules-0-context-0-field').inputValue()).toBe('channel');
  await expect.poll(() => page.getByTestId('segment-estimate-count').textContent()).toBe('2');
  expect(await page.getByTestId('segment-estimate-sample').textContent()).toMatch(/ana.*cai/);
  await shoot('segment-context-seen');
  await page.getByTestId('segment-save').click();
  await page.waitForURL(/#\/segments\/seg_/);
  await expect.poll(() => page.getByTestId('segment-size').textContent()).toBe('2');
  // Ben opens the app: he enters it as the call arrives.
  expect((await stack.post('/v1/track', { userId: 'ben', event: 'Screen Viewed', context: { channel: 'mobile' } })).status).toBe(200);
  await page.reload();
  await expect.poll(() => page.getByTestId('segment-size').textContent()).toBe('3');
  expect(errors).toEqual([]);
});
