/**
 * The template gallery against the real API (embedded PostgreSQL, Temporal dev server, worker):
 * open it from the journeys list, filter by a stage, search, preview a template read-only, use it
 * with a changed parameter (a bad value first: the error names the parameter and nothing typed is
 * lost), see the new draft on the canvas and publish it. Screenshots in test/artifacts/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '@cairn/templates';
import type { Stack } from '../api/support/stack.js';
import { nodeIds } from './support/canvas.js';
import { ARTIFACTS, openLiveEditor, type LiveEditor } from './support/live.js';
import type { Served } from './support/serve.js';
import { signInThroughForm } from './support/sign-in.js';

let stack: Stack;
let served: Served;
let live: LiveEditor;
let page: LiveEditor['page'];

const shot = (name: string) => live.shot(name);
const cardIds = async () =>
  (await page.getByTestId('template-cards').locator('[data-testid^="template-card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).map(
    (t) => String(t).replace('template-card-', ''),
  );

beforeAll(async () => {
  live = await openLiveEditor('gallery');
  ({ stack, served, page } = live);
}, 240_000);

afterAll(async () => {
  await live?.close();
}, 60_000);

describe('template gallery on the live API', { timeout: 90_000 }, () => {
  let journeyId = '';

  it('opens from the journeys list, filters by stage and searches', async () => {
    await page.goto(`${served.url}/#/`);
    await signInThroughForm(page);
    await page.getByTestId('new-from-template').click();
    await page.getByTestId('gallery-page').waitFor();
    await expect.poll(async () => (await cardIds()).length).toBe((await stack.caller.templates.list({})).length);

    await page.getByTestId('stage-loyalty').click();
    const loyalty = (await stack.caller.templates.list({ stage: 'loyalty' })).map((t) => t.id);
    await expect.poll(cardIds).toEqual(loyalty);
    expect(loyalty).toContain('birthday');

    await page.getByTestId('stage-acquisition').click();
    await page.getByTestId('gallery-search').fill('gio hang'); // Vietnamese without diacritics: "giỏ hàng", cart
    await expect.poll(cardIds).toEqual(['abandoned-cart']);
    await page.getByTestId('gallery-search').fill('birthday');
    await page.getByTestId('gallery-empty').waitFor(); // birthday is a loyalty template
    await page.getByTestId('stage-all').click();
    await expect.poll(cardIds).toEqual(['birthday']);
    await page.getByTestId('gallery-search').fill('cart');
    await expect.poll(cardIds).toContain('abandoned-cart');
    await shot('1-search');
  });

  it('previews a template read-only with the events and attributes it needs', async () => {
    await page.getByTestId('template-open-abandoned-cart').click();
    const preview = page.getByTestId('template-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('data-template')).toBe('abandoned-cart');
    const expected = getTemplate('abandoned-cart')!;
    // Every node of the template's default journey is drawn, and none can be dragged.
    await expect.poll(() => nodeIds(page)).toEqual(expected.journey.nodes.map((n) => n.id));
    const draggable = await page.getByTestId('template-preview-canvas').locator('.react-flow__node.draggable').count();
    expect(draggable).toBe(0);
    const events = await page.getByTestId('template-events').textContent();
    for (const e of expected.expects.events) expect(events).toContain(e.name);
    const attributes = await page.getByTestId('template-attributes').textContent();
    for (const a of expected.expects.attributes) expect(attributes).toContain(a.name);
    await shot('2-preview');
  });

  it('refuses a bad parameter under its input, keeps what was typed, then creates the draft', async () => {
    await page.getByTestId('use-template').click();
    await page.getByTestId('use-template-form').waitFor();
    expect(await page.getByTestId('param-discountCode').inputValue()).toBe('COMEBACK10'); // the default
    await page.getByTestId('use-template-name').fill('Spring carts');
    await page.getByTestId('param-discountCode').fill('10% OFF!');
    await page.getByTestId('param-firstReminderAfter').fill('3');
    await page.getByTestId('param-firstReminderAfter-unit').selectOption('hours');
    await page.getByTestId('use-template-submit').click();
    const err = page.getByTestId('param-discountCode-error');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/discountCode: must be/);
    expect(await page.getByTestId('param-firstReminderAfter-error').count()).toBe(0);
    // Nothing typed is lost, and nothing was stored.
    expect(await page.getByTestId('param-discountCode').inputValue()).toBe('10% OFF!');
    expect(await page.getByTestId('param-firstReminderAfter').inputValue()).toBe('3');
    expect(await page.getByTestId('use-template-name').inputValue()).toBe('Spring carts');
    expect(await stack.db.journey.count()).toBe(0);
    await shot('3-parameter-error');

    await page.getByTestId('param-discountCode').fill('SPRING25');
    await page.getByTestId('use-template-submit').click();
    await page.getByTestId('editor').waitFor();
    journeyId = /#\/j\/([^/]+)/.exec(page.url())?.[1] ?? '';
    expect(journeyId).toMatch(/^spring-carts-/);
    const stored = await stack.caller.journeys.get({ id: journeyId });
    expect(stored).toMatchObject({ status: 'draft', name: 'Spring carts' });
    expect(JSON.stringify(stored.draft)).toContain('SPRING25');
    const waitOrder = (stored.draft as { nodes: Array<{ id: string; timeout?: unknown }> }).nodes.find((n) => n.id === 'wait-order');
    expect(waitOrder?.timeout).toEqual({ amount: 3, unit: 'hours' });
    // The canvas shows the template's graph.
    await expect.poll(() => nodeIds(page)).toEqual(getTemplate('abandoned-cart')!.journey.nodes.map((n) => n.id));
    await shot('4-draft-on-canvas');
  });

  it('publishes the new draft', async () => {
    await expect.poll(() => page.getByTestId('publish').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('publish-note').fill('from the gallery');
    await page.getByTestId('publish').click();
    // The review (problems, changes, customers inside) comes first.
    await page.getByTestId('publish-review').getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('message').textContent(), { timeout: 15_000 }).toContain('Published version 1');
    expect(await stack.caller.journeys.get({ id: journeyId })).toMatchObject({ status: 'active', liveVersion: 1 });
    expect((await stack.caller.journeys.versions({ id: journeyId }))[0]).toMatchObject({ version: 1, note: 'from the gallery' });
    await shot('5-published');
    expect(live.errors).toEqual([]);
  });
});

describe('template gallery stand-alone (no API: templates instantiated in the browser)', { timeout: 60_000 }, () => {
  it('uses a template with a bad then a good parameter, opens the draft and publishes it locally', async () => {
    const local = await live.browser.newPage({ viewport: { width: 1440, height: 900 } });
    local.on('pageerror', (e) => live.errors.push(e.message));
    const before = await stack.db.journey.count();
    await local.goto(`${served.url}/?api=local#/templates`);
    await local.getByTestId('stage-experience').click();
    await local.getByTestId('gallery-search').fill('ice breaker');
    await local.getByTestId('template-open-first-purchase-ice-breaker').click();
    await local.getByTestId('use-template').click();
    await local.getByTestId('param-sendAfter').fill('-2');
    await local.getByTestId('param-channel').selectOption('sms');
    await local.getByTestId('use-template-submit').click();
    await local.getByTestId('param-sendAfter-error').waitFor();
    expect(await local.getByTestId('param-sendAfter-error').allTextContents()).toEqual(['sendAfter: must be at least 0 minutes']);
    expect(await local.getByTestId('param-channel').inputValue()).toBe('sms'); // kept
    await local.getByTestId('param-sendAfter').fill('30');
    await local.getByTestId('param-sendAfter-unit').selectOption('minutes');
    await local.getByTestId('use-template-submit').click();
    await local.getByTestId('editor').waitFor();
    const id = /#\/j\/([^/]+)/.exec(local.url())?.[1] ?? '';
    expect(id).toMatch(/^first-purchase-[a-z0-9-]+-[a-z0-9]+$/); // from the template's title
    const ids = getTemplate('first-purchase-ice-breaker')!.journey.nodes.map((n) => n.id);
    await expect.poll(async () => (await local.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).sort()).toEqual([...ids].sort());
    // Kept in this browser only: the server has no new journey.
    const raw = await local.evaluate((key) => localStorage.getItem(key), `cairn.local.draft.${id}`);
    const draft = JSON.parse(raw ?? '{}') as { nodes: Array<{ id: string; type: string; duration?: unknown }> };
    expect(draft.nodes.find((n) => n.id === 'ice-break')?.type).toBe('action.sms'); // the chosen channel
    expect(draft.nodes.find((n) => n.id === 'same-day')?.duration).toEqual({ amount: 30, unit: 'minutes' });
    await expect.poll(() => local.getByTestId('publish').isEnabled(), { timeout: 15_000 }).toBe(true);
    await local.getByTestId('publish').click();
    // The review (problems, changes, customers inside) comes first.
    await local.getByTestId('publish-review').getByTestId('confirm-ok').click();
    await expect.poll(() => local.getByTestId('message').textContent(), { timeout: 15_000 }).toContain('Published version 1');
    expect(await stack.db.journey.count()).toBe(before);
    await local.screenshot({ path: join(ARTIFACTS, 'gallery-6-standalone.png') });
    await local.close();
    expect(live.errors).toEqual([]);
  });
});
