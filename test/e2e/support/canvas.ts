/** Canvas gestures for e2e tests: drop a palette item at a point, connect two handles. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Drags palette item `type` onto the canvas at (x, y) relative to the canvas' top-left corner. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

async function centre(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from an output handle to an input handle, as a person would. */
export async function connect(page: Page, fromHandle: string, toHandle: string): Promise<void> {
  const a = await centre(page, fromHandle);
  const b = await centre(page, toHandle);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** Ids of the nodes on the canvas, in DOM order. */
export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** "source:handle->target" for every edge on the canvas, sorted. */
export async function edgeList(page: Page): Promise<string[]> {
  const ids = await page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  return ids.sort();
}

/** Fills the selected split's first branch with one attribute rule, e.g. "Pro plan": plan eq "pro". */
export async function fillFirstBranch(page: Page, label: string, attribute: string, operator: string, value: string): Promise<void> {
  const field = (path: string) => page.getByTestId(`field-branches.0.${path}`);
  await field('label').fill(label);
  await field('rules.rules.0.attribute').fill(attribute);
  await field('rules.rules.0.operator').selectOption(operator);
  await field('rules.rules.0.value').fill(value);
  await field('rules.rules.0.value').blur();
}

/**
 * Waits until the view is at rest: no arrange or fit animation running (the editor marks them with
 * `data-view-moving`), and the viewport and every step in the same place on two reads 100 ms apart.
 * A fixed pause was not enough on a loaded machine: auto-layout loads dagre first, then fits.
 */
export async function viewAtRest(page: Page): Promise<void> {
  const picture = () =>
    page.evaluate(() =>
      [document.querySelector('.react-flow__viewport'), ...Array.from(document.querySelectorAll('.react-flow__node'))]
        .map((el) => (el as HTMLElement | null)?.style.transform ?? '')
        .join('|'),
    );
  let last = '';
  await expect
    .poll(
      async () => {
        if ((await page.locator('[data-view-moving]').count()) > 0) return (last = '', false);
        const now = await picture();
        const still = now === last;
        last = now;
        return still;
      },
      { interval: 100, timeout: 15_000 },
    )
    .toBe(true);
}
