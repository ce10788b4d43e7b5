/**
 * A block email in real Chromium against the real stack (embedded PostgreSQL, Temporal dev
 * server, worker, API) and a real SMTP server (`smtp-server`): a marketer composes an email from
 * blocks, reorders them with the keyboard, watches the live desktop/mobile preview for the sample
 * customer, publishes the journey, and a customer's event makes the email arrive at the SMTP
 * server as multipart HTML + text, the blocks in the chosen order and Liquid rendered for that
 * customer. Axe checks the block editor. Screenshots in test/artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Stack } from '../api/support/stack.js';
import type { MailSink } from '../api/support/mail-sink.js';
import { seriousViolations } from './support/axe.js';
import { connect, dropNode } from './support/canvas.js';
import { ARTIFACTS, openLiveEditor, type LiveEditor } from './support/live.js';
import type { Served } from './support/serve.js';
import { signInThroughForm } from './support/sign-in.js';

let live: LiveEditor;
let stack: Stack;
let sink: MailSink;
let served: Served;
let page: Page;
let errors: string[];
const field = (path: string) => page.getByTestId(`field-${path}`);
const kinds = () => page.locator('[data-testid=email-blocks] li.email-block').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));

beforeAll(async () => {
  live = await openLiveEditor('email-blocks', {}, { mail: true });
  ({ stack, served, page, errors } = live);
  sink = live.sink!;
}, 300_000);

afterAll(() => live?.close(), 60_000);

it('composes an email from blocks, reorders and previews it, publishes, and the email arrives', { timeout: 150_000 }, async () => {
  await page.goto(`${served.url}/#/`);
  await signInThroughForm(page);
  await page.getByTestId('new-journey').click();
  await page.getByTestId('editor').waitFor();
  const journeyId = /#\/j\/([^/]+)/.exec(page.url())?.[1] ?? '';
  await dropNode(page, 'trigger.event', 520, 80);
  await dropNode(page, 'action.email', 520, 260);
  await dropNode(page, 'exit', 520, 440);
  await connect(page, 'handle-event_1-next', 'handle-email_1-in');
  await connect(page, 'handle-email_1-next', 'handle-exit_1-in');
  await page.getByTestId('tab-inspect').click();
  await page.getByTestId('node-event_1').click({ position: { x: 60, y: 12 } });
  await field('event').fill('Spring Sale');

  await page.getByTestId('node-email_1').click({ position: { x: 60, y: 12 } });
  await field('subject').fill('Spring picks for {{ customer.firstName | default: "you" }}');
  await field('format.$set').check();
  await field('format').selectOption('blocks');
  // A new block email starts from a heading, a text and a button; the MJML body field is gone.
  await page.getByTestId('email-blocks').waitFor();
  expect(await kinds()).toEqual(['heading', 'text', 'button']);
  expect(await field('body').count()).toBe(0);
  await field('blocks.0.text').fill('Hello {{ customer.firstName | default: "there" }}');
  await field('blocks.1.text').fill('Your spring picks are in, {{ customer.firstName }}.');
  await field('blocks.2.label').fill('Shop the collection');
  await field('blocks.2.href').fill('https://shop.example/spring?c={{ customer.id }}');
  // The per-field preview renders Liquid for the sample customer.
  await expect.poll(() => field('blocks.0.text.$preview').textContent()).toBe('Hello Ana');

  await page.getByTestId('block-add-kind').selectOption('columns');
  await page.getByTestId('block-add').click();
  await field('blocks.3.left').fill('Dresses from {{ customer.city | default: "the city" }}');
  await field('blocks.3.right').fill('Shoes for every walk');
  await page.getByTestId('block-add-kind').selectOption('divider');
  await page.getByTestId('block-add').click();
  expect(await kinds()).toEqual(['heading', 'text', 'button', 'columns', 'divider']);

  // Reordering with the keyboard: the columns go above the button, focus follows the block.
  await page.getByTestId('block-3-up').focus();
  await page.keyboard.press('Enter');
  expect(await kinds()).toEqual(['heading', 'text', 'columns', 'button', 'divider']);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('block-2-up');
  expect(await page.getByTestId('email-blocks-status').textContent()).toBe('Two columns moved to position 3 of 5');
  // A block can be removed.
  await page.getByTestId('block-4-remove').click();
  expect(await kinds()).toEqual(['heading', 'text', 'columns', 'button']);

  // The live preview, rendered by the server for the sample customer, follows the edits.
  const desktop = page.frameLocator('[data-testid=email-blocks-preview-desktop]');
  await expect.poll(() => desktop.getByText('Shoes for every walk').count(), { timeout: 15_000 }).toBe(1);
  expect(await desktop.getByText('Hello Ana').count()).toBe(1);
  const order = await desktop.locator('body').evaluate((b) => {
    const t = b.textContent ?? '';
    return ['Hello Ana', 'Your spring picks are in, Ana.', 'Dresses from the city', 'Shop the collection'].map((s) => t.indexOf(s));
  });
  expect(order.every((v, i) => v >= 0 && (i === 0 || v > order[i - 1]!))).toBe(true);
  await page.getByTestId('email-blocks').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'email-blocks-1440.png') });
  await page.getByTestId('email-blocks-preview-mobile-toggle').check();
  const mobile = page.frameLocator('[data-testid=email-blocks-preview-mobile]');
  await expect.poll(() => mobile.getByText('Shop the collection').count()).toBe(1);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('email-blocks-preview').scrollIntoViewIfNeeded();
  await expect.poll(() => mobile.getByText('Shop the collection').isVisible()).toBe(true);
  await page.screenshot({ path: join(ARTIFACTS, 'email-blocks-1280.png') });
  await page.getByTestId('inspector').screenshot({ path: join(ARTIFACTS, 'email-blocks-inspector.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await seriousViolations(page, '[data-testid=inspector]')).toEqual([]);

  await expect.poll(() => page.getByTestId('publish').isEnabled(), { timeout: 15_000 }).toBe(true);
  await page.getByTestId('publish-note').fill('blocks');
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-review').getByTestId('confirm-ok').click();
  await expect.poll(() => page.getByTestId('message').textContent(), { timeout: 15_000 }).toContain('Published version 1');
  const stored = await stack.caller.journeys.get({ id: journeyId });
  const email = (stored.draft as { nodes: Array<{ id: string; format?: string; blocks?: unknown[] }> }).nodes.find((n) => n.id === 'email_1');
  expect(email).toMatchObject({ format: 'blocks' });
  expect(email?.blocks).toHaveLength(4);

  await stack.post('/v1/identify', { userId: 'lan', traits: { email: 'lan@example.com', firstName: 'Lan', city: 'Hà Nội' } });
  expect((await stack.post('/v1/track', { userId: 'lan', event: 'Spring Sale', messageId: 'm-spring-lan' })).status).toBe(200);
  await expect.poll(() => sink.mails.length, { timeout: 60_000 }).toBe(1);
  const mail = sink.mails[0]!;
  expect(mail.to).toBe('lan@example.com');
  expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative/);
  const html = mail.parts.get('text/html') ?? '';
  const text = mail.parts.get('text/plain') ?? '';
  expect(html).toMatch(/^<!doctype html>/i);
  const inHtml = ['Hello Lan', 'Your spring picks are in, Lan.', 'Dresses from Hà Nội', 'Shoes for every walk', 'Shop the collection'].map((s) => html.indexOf(s));
  expect(inHtml.every((v, i) => v >= 0 && (i === 0 || v > inHtml[i - 1]!))).toBe(true);
  expect(text).toContain('Hello Lan');
  expect(text).toContain('Dresses from Hà Nội');
  expect(text).toMatch(/Shop the collection \[\S+\]/);
  expect(text).not.toContain('<');
  expect(errors).toEqual([]);
});

it('switches a block email to MJML source only after confirming, keeping what the blocks made', { timeout: 60_000 }, async () => {
  // Declining keeps the blocks.
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('email-blocks-to-mjml').click();
  expect(await page.getByTestId('email-blocks').count()).toBe(1);
  page.once('dialog', (d) => {
    expect(d.message()).toContain('cannot go back to blocks');
    void d.accept();
  });
  await page.getByTestId('email-blocks-to-mjml').click();
  await page.getByTestId('email-blocks').waitFor({ state: 'detached' });
  expect(await field('format').inputValue()).toBe('mjml');
  const body = await field('body').inputValue();
  expect(body).toMatch(/^<mjml>/);
  expect(body).toContain('Dresses from {{ customer.city | default: "the city" }}');
  expect(body).toContain('<mj-button');
  expect(errors).toEqual([]);
});
