/**
 * Known canvas bugs from issue 12, each checked in real Chromium against the built editor:
 * auto-layout crossing a split's branches, "1 days" on a wait, paste landing on its original.
 * Screenshots go to test/artifacts/.
 */
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { openLocalEditor, type LocalEditor } from './support/local-editor.js';
import { nodeIds, viewAtRest } from './support/canvas.js';
import type { Served } from './support/serve.js';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
let local: LocalEditor;
let browser: Browser;
let served: Served;
let page: Page;
let errors: string[];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `canvas-bugs-${name}.png`) });
const node = (id: string) => page.getByTestId(`node-${id}`);
const rule = (attribute: string) => ({ op: 'and', rules: [{ kind: 'attribute', attribute, operator: 'eq', value: 'x' }] });

/**
 * A split whose branches are drawn crossed: the first branch ("gold") goes to a step placed on
 * the right, the second ("silver") to the middle, else to the left. A wait of exactly one day.
 */
const JOURNEY = {
  id: 'crossed',
  name: 'Crossed branches',
  nodes: [
    { id: 'start', type: 'trigger.event', event: 'Signed Up', position: { x: 300, y: 0 } },
    {
      id: 'tier',
      type: 'condition.split',
      position: { x: 300, y: 150 },
      branches: [
        { id: 'gold', label: 'gold', rules: rule('tier') },
        { id: 'silver', label: 'silver', rules: rule('tier') },
      ],
    },
    // Steps listed in the reverse of the branch order too (the order they were added in).
    { id: 'to_else', type: 'wait.delay', duration: { amount: 1, unit: 'hours' }, position: { x: -100, y: 320 } },
    { id: 'to_silver', type: 'wait.delay', duration: { amount: 2, unit: 'days' }, position: { x: 300, y: 320 } },
    { id: 'to_gold', type: 'wait.delay', duration: { amount: 1, unit: 'days' }, position: { x: 700, y: 320 } },
    // A step after two branches that join again, so the layout has a merge to order around.
    { id: 'joined', type: 'exit', reason: 'completed', position: { x: 300, y: 480 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'tier' },
    // Listed in reverse, as edges added later in an editing session would be.
    { id: 'e4', source: 'tier', sourceHandle: 'else', target: 'to_else' },
    { id: 'e3', source: 'tier', sourceHandle: 'silver', target: 'to_silver' },
    { id: 'e2', source: 'tier', sourceHandle: 'gold', target: 'to_gold' },
    { id: 'e5', source: 'to_else', sourceHandle: 'next', target: 'joined' },
    { id: 'e6', source: 'to_gold', sourceHandle: 'next', target: 'joined' },
  ],
};

const centreX = async (id: string) => {
  const b = await node(id).boundingBox();
  if (!b) throw new Error(`${id} not visible`);
  return b.x + b.width / 2;
};

beforeAll(async () => {
  local = await openLocalEditor();
  ({ served, browser, page, errors } = local);
  await page.getByTestId('import-journey').click();
  await page.getByTestId('import-text').fill(JSON.stringify(JOURNEY));
  await page.getByTestId('import-submit').click();
  await page.getByTestId('editor').waitFor();
}, 180_000);

afterAll(() => local?.close());

describe('canvas bugs (issue 12) in Chromium', { timeout: 60_000 }, () => {
  it('says "1 day" and "2 days" on waits, never "1 days"', async () => {
    await expect.poll(() => node('to_gold').textContent()).toContain('1 day');
    expect(await node('to_gold').textContent()).not.toContain('1 days');
    expect(await node('to_silver').textContent()).toContain('2 days');
    expect(await node('to_else').textContent()).toContain('1 hour');
    expect(await node('to_else').textContent()).not.toContain('1 hours');
  });

  it("lists a split's branches with their conditions in words", async () => {
    const text = await page.getByTestId('node-branches-tier').textContent();
    expect(text).toContain('gold: tier is “x”');
    expect(text).toContain('silver: tier is “x”');
  });

  it('auto-layout keeps branch order: the first branch left, else right, no crossing', async () => {
    await page.getByTestId('auto-layout').click();
    await page.getByTestId('fit-view').click();
    await viewAtRest(page);
    const gold = await centreX('to_gold');
    const silver = await centreX('to_silver');
    const other = await centreX('to_else');
    await shot('layout-1440');
    expect(gold).toBeLessThan(silver);
    expect(silver).toBeLessThan(other);
    // Each branch's handle lies left to right in the same order as its step.
    const handle = async (h: string) => {
      const b = await page.getByTestId(`handle-tier-${h}`).boundingBox();
      return b!.x;
    };
    expect(await handle('gold')).toBeLessThan(await handle('silver'));
    expect(await handle('silver')).toBeLessThan(await handle('else'));
  });

  it('pastes offset from the original, with only the pasted step selected', async () => {
    await node('to_silver').click({ position: { x: 60, y: 12 } });
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe('to_silver');
    const before = await node('to_silver').boundingBox();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(async () => (await nodeIds(page)).length).toBe(7);
    const pastedId = (await nodeIds(page)).find((id) => !JOURNEY.nodes.some((n) => n.id === id))!;
    const after = await node(pastedId).boundingBox();
    // Not on top: the copy does not cover any part of the original, so both can be read and grabbed.
    const a = before!;
    const b = after!;
    const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps).toBe(false);
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe(pastedId);
    const selected = await page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(selected).toEqual([pastedId]);
    await shot('pasted');
  });

  it("the test customer's event follows the trigger, and a mismatch names the event awaited", async () => {
    await page.getByTestId('tab-inspect').click();
    await node('start').click({ position: { x: 60, y: 12 } });
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe('start');
    await page.getByTestId('field-event').fill('Trial Started');
    await page.getByTestId('tab-test').click();
    // Issue 12: the test event stayed the one the journey opened with ("Signed Up").
    await expect.poll(() => page.getByTestId('sim-event-name-0').inputValue()).toBe('Trial Started');
    await page.getByTestId('sim-event-name-0').fill('Trial Ended');
    await page.getByTestId('sim-run').click();
    await expect.poll(() => page.getByTestId('sim-status').textContent()).toContain('“Trial Started”');
    // A name the marketer typed is theirs: a later trigger change leaves it alone.
    await page.getByTestId('tab-inspect').click();
    await node('start').click({ position: { x: 60, y: 12 } });
    await page.getByTestId('field-event').fill('Trial Extended');
    await page.getByTestId('tab-test').click();
    expect(await page.getByTestId('sim-event-name-0').inputValue()).toBe('Trial Ended');
    await shot('test-event');
    await page.getByTestId('tab-inspect').click();
  });

  it('reaches the palette by keyboard: Tab to a step, a visible focus ring, Enter adds it', async () => {
    const before = (await nodeIds(page)).length;
    await page.getByLabel('Find a step').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { id: el.dataset.testid, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused.id).toMatch(/^palette-trigger\./);
    expect(focused.outline).toBe('solid');
    await shot('palette-focus');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await nodeIds(page)).length).toBe(before + 1);
  });

  it('has no serious or critical accessibility violations on the canvas', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('at 1280x720 too', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('fit-view').click();
    await viewAtRest(page);
    await shot('layout-1280');
  });

  it('styles the header links as buttons on the first load (not only after the gallery was opened)', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await fresh.goto(`${served.url}/#/`);
      await fresh.getByTestId('journeys-page').waitFor();
      const look = (testId: string) =>
        fresh.getByTestId(testId).evaluate((el) => {
          const c = getComputedStyle(el);
          return { border: c.borderTopStyle, decoration: c.textDecorationLine, radius: c.borderTopLeftRadius };
        });
      expect(await look('new-from-template')).toEqual(await look('import-journey'));
    } finally {
      await fresh.close();
    }
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
