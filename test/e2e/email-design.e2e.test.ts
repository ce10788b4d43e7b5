/**
 * Designing an HTML email in real Chromium against the real stack (embedded PostgreSQL, Temporal
 * dev server, worker, API) and a real SMTP server (`smtp-server`): a marketer writes an email step
 * in MJML, previews it (desktop and mobile widths, and the generated plain text), sends a test to
 * themselves and it arrives at the SMTP server as multipart HTML + text. Screenshots in test/artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MailSink } from '../api/support/mail-sink.js';
import { dropNode } from './support/canvas.js';
import { ARTIFACTS, openLiveEditor, type LiveEditor } from './support/live.js';
import type { Served } from './support/serve.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let sink: MailSink;
let served: Served;
let page: Page;
let errors: string[];
const MJML = `<mjml>
  <mj-body background-color="#eef2f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold">Hello {{ customer.firstName | default: "there" }}</mj-text>
        <mj-text>Your spring picks are in.</mj-text>
        <mj-button background-color="#2563eb" href="https://shop.example/spring">Shop the collection</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

beforeAll(async () => {
  live = await openLiveEditor('email-design', {}, { mail: true });
  ({ served, page, errors } = live);
  sink = live.sink!;
}, 300_000);

afterAll(() => live?.close(), 60_000);

it('designs an HTML email, previews it, and a test arrives at the SMTP server', { timeout: 90_000 }, async () => {
  await page.goto(`${served.url}/#/`);
  await signInThroughForm(page);
  await page.getByTestId('new-journey').click();
  await page.getByTestId('editor').waitFor();
  await dropNode(page, 'action.email', 520, 300);
  await page.getByTestId('tab-inspect').click();
  await page.getByTestId('node-email_1').click({ position: { x: 60, y: 12 } });
  await page.getByTestId('field-format.$set').check();
  await page.getByTestId('field-format').selectOption('mjml');
  await page.getByTestId('field-subject').fill('Spring picks for {{ customer.firstName | default: "you" }}');
  await page.getByTestId('field-body').fill(MJML);

  await page.getByTestId('message-preview').click();
  await page.getByTestId('email-preview').waitFor();
  const desktop = page.frameLocator('[data-testid=email-preview-desktop]');
  await expect.poll(() => desktop.getByText('Your spring picks are in.').count()).toBe(1);
  expect(await page.frameLocator('[data-testid=email-preview-mobile]').getByText('Shop the collection').count()).toBe(1);
  expect(await page.getByTestId('email-preview-text').textContent()).toContain('Shop the collection [https://shop.example/spring]');
  await page.screenshot({ path: join(ARTIFACTS, 'email-design-preview-1440.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: join(ARTIFACTS, 'email-design-preview-1280.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('email-preview-close').click();
  await page.getByTestId('email-preview').waitFor({ state: 'detached' });

  await page.getByTestId('message-test-send').click();
  await expect.poll(() => page.getByTestId('message-test-ok').textContent()).toBe('Sent by smtp to admin@cairn.test.');
  await expect.poll(() => sink.mails.length).toBe(1);
  const mail = sink.mails[0]!;
  expect(mail.to).toBe('admin@cairn.test');
  expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative/);
  expect(mail.parts.get('text/html')).toContain('Your spring picks are in.');
  expect(mail.parts.get('text/plain')).toContain('Shop the collection [https://shop.example/spring]');
  await page.getByTestId('inspector').screenshot({ path: join(ARTIFACTS, 'email-design-inspector.png') });
  expect(errors).toEqual([]);
});
