/**
 * One customer per person on the customer page, in real Chromium against the real stack: two
 * profiles with the same email (spelled differently) are listed as possible duplicates, an admin
 * merges one into the other with the Merge button, and undoes it from the merge history; then
 * turns the workspace setting on, which counts the duplicates already stored and merges them.
 * Screenshots in test/artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Stack } from '../api/support/stack.js';
import { seriousViolations } from './support/axe.js';
import { ARTIFACTS, openLiveEditor, type LiveEditor } from './support/live.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let stack: Stack;
let page: Page;
let errors: string[];

beforeAll(async () => {
  live = await openLiveEditor('identity', {}, { servedBy: 'api' });
  ({ stack, page, errors } = live);
}, 300_000);

afterAll(() => live?.close(), 60_000);

it('lists a possible duplicate, merges it with the button and un-merges it from the history', { timeout: 120_000 }, async () => {
  await stack.post('/v1/identify', { userId: 'kim', traits: { email: 'kim@example.com', firstName: 'Kim' } });
  await stack.post('/v1/identify', { userId: 'kim-shop', traits: { email: ' KIM@example.com', city: 'Da Nang' } });
  await stack.post('/v1/track', { userId: 'kim-shop', event: 'Order Completed' });

  await page.goto(`${stack.url}/#/c/kim`);
  await signInThroughForm(page);
  await page.getByTestId('possible-duplicates').waitFor();
  expect(await page.getByTestId('possible-duplicates').textContent()).toContain('kim-shop');
  expect(await page.getByTestId('merge-on-same-address').isChecked()).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'identity-duplicates-1440.png') });

  await page.getByTestId('merge-duplicate').click();
  await expect.poll(() => page.getByTestId('identity-ok').textContent(), { timeout: 15_000 }).toContain('kim-shop was merged into kim');
  expect(await stack.db.customer.findUniqueOrThrow({ where: { id: 'kim-shop' } })).toMatchObject({ mergedInto: 'kim' });
  // The page shows the combined profile: the other profile's attribute and event.
  await expect.poll(() => page.getByTestId('customer-attributes').textContent(), { timeout: 15_000 }).toContain('Da Nang');
  expect(await page.getByTestId('merge-history').textContent()).toContain('kim-shop into kim');
  expect(await page.getByTestId('possible-duplicates').count()).toBe(0);
  await page.screenshot({ path: join(ARTIFACTS, 'identity-merged-1440.png') });

  await page.getByTestId('unmerge').click();
  await expect.poll(() => page.getByTestId('identity-ok').textContent(), { timeout: 15_000 }).toContain('kim-shop is a customer of its own again');
  expect(await stack.db.customer.findUniqueOrThrow({ where: { id: 'kim-shop' } })).toMatchObject({ mergedInto: null, email: ' KIM@example.com' });
  expect(await stack.db.event.count({ where: { customerId: 'kim-shop', name: 'Order Completed' } })).toBe(1);
  await expect.poll(() => page.getByTestId('customer-attributes').textContent(), { timeout: 15_000 }).not.toContain('Da Nang');
  expect(await page.getByTestId('possible-duplicates').textContent()).toContain('kim-shop');
  expect(await page.getByTestId('merge-history').textContent()).toContain('undone by admin@cairn.test');
  expect(await page.getByTestId('unmerge').count()).toBe(0);

  // Turning the workspace setting on: the duplicates already stored are counted first, then merged.
  await page.getByTestId('merge-on-same-address').click();
  await page.getByTestId('merge-existing-confirm').waitFor();
  expect(await page.getByTestId('merge-existing-confirm').textContent()).toContain('2 known customers share an email or phone with another now');
  expect(await page.getByTestId('merge-on-same-address').isChecked()).toBe(false);
  await page.screenshot({ path: join(ARTIFACTS, 'identity-merge-existing-confirm-1440.png') });
  await page.getByTestId('merge-existing-yes').click();
  await expect.poll(() => page.getByTestId('merge-existing-progress').textContent(), { timeout: 30_000 }).toContain('Existing duplicates merged: 2 of 2 looked at, 1 merged');
  expect(await page.getByTestId('merge-on-same-address').isChecked()).toBe(true);
  expect(await stack.db.customer.findUniqueOrThrow({ where: { id: 'kim-shop' } })).toMatchObject({ mergedInto: 'kim' });
  await expect.poll(() => page.getByTestId('merge-history').textContent(), { timeout: 15_000 }).toContain('email · admin@cairn.test');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'identity-merge-existing-done-1440.png') });
  expect(errors).toEqual([]);
});
