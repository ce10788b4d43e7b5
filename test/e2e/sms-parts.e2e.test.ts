/**
 * The SMS body's encoding and parts in the inspector, in real Chromium against the built editor:
 * plain ASCII fits GSM-7 (160 per part); one Vietnamese diacritic switches the whole text to
 * UCS-2 (70 per part) and the field says which character did it. Screenshot in test/artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openLocalEditor, type LocalEditor } from './support/local-editor.js';
import { dropNode } from './support/canvas.js';
import { ARTIFACTS } from './support/live.js';

let local: LocalEditor;
let page: Page;
let errors: string[];

beforeAll(async () => {
  local = await openLocalEditor();
  ({ page, errors } = local);
}, 120_000);

afterAll(() => local?.close());

it('shows an SMS body’s encoding and parts as it is typed', { timeout: 60_000 }, async () => {
  await page.getByTestId('new-journey').click();
  await page.getByTestId('editor').waitFor();
  await dropNode(page, 'action.sms', 500, 300);
  await page.getByTestId('tab-inspect').click();
  await page.getByTestId('node-sms_1').click({ position: { x: 60, y: 12 } });
  const body = page.getByTestId('field-body');
  const parts = page.getByTestId('field-body.$sms');

  await body.fill('Your order has shipped. Track it at shop.example/t/123');
  await expect.poll(() => parts.textContent()).toBe('54 characters · GSM-7 · 1 part, 106 left');
  await body.fill('Đơn hàng của bạn đã được giao. Theo dõi tại shop.example/t/123, cảm ơn bạn!');
  await expect.poll(() => parts.textContent()).toBe('75 characters · UCS-2 (because of “Đ”) · 2 parts, 59 left');
  await page.getByTestId('inspector').screenshot({ path: join(ARTIFACTS, 'sms-parts.png') });
  // An email body has no such line.
  await dropNode(page, 'action.email', 800, 300);
  await page.getByTestId('node-email_1').click({ position: { x: 60, y: 12 } });
  await page.getByTestId('field-body').waitFor();
  expect(await page.getByTestId('field-body.$sms').count()).toBe(0);
  expect(errors).toEqual([]);
});
