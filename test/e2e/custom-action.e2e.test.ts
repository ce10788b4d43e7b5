/**
 * An engineer's custom action, defined in a fixture module outside the repository and loaded
 * through CAIRN_ACTIONS at build time, appears in the palette under its own group, gets a form
 * from its config schema with validation, and runs in the test-customer simulation. And without
 * rebuilding: an editor built without the module, in front of an API that loaded it, gets the
 * action from the API as data (palette, form, outputs; its simulation stays on the server).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch } from './support/browser.js';
import { connect, dropNode, nodeIds } from './support/canvas.js';
import { buildApp, serveStatic, type Served } from './support/serve.js';
import { openLiveEditor } from './support/live.js';
import { signInThroughForm } from './support/sign-in.js';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
let browser: Browser;
let served: Served;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  process.env.CAIRN_ACTIONS = resolve(import.meta.dirname, 'support/fixture-actions.ts');
  try {
    served = await serveStatic(await buildApp());
  } finally {
    delete process.env.CAIRN_ACTIONS;
  }
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${served.url}/#/`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

it('shows the fixture action in the palette, validates its config and simulates it', async () => {
  await page.getByTestId('new-journey').click();
  await page.getByTestId('editor').waitFor();
  const item = page.getByTestId('palette-action.custom:fixture.loyaltyPoints');
  await expect.poll(() => item.textContent()).toContain('Award loyalty points');
  await page.screenshot({ path: join(ARTIFACTS, 'custom-action-1-palette.png') });

  await dropNode(page, 'trigger.manual', 420, 80);
  await dropNode(page, 'action.custom:fixture.loyaltyPoints', 420, 260);
  await expect.poll(() => nodeIds(page)).toContain('fixture_loyaltyPoints_1');
  await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe('fixture_loyaltyPoints_1');
  const points = page.getByTestId('field-config.points');
  await expect(points.inputValue()).resolves.toBe('100');
  await points.fill('0');
  await expect.poll(() => page.getByTestId('inspector-problems').textContent()).toContain('award at least 1 point');
  await points.fill('250');
  await expect.poll(() => page.getByTestId('handle-fixture_loyaltyPoints_1-awarded').isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('handle-fixture_loyaltyPoints_1-failed').isVisible()).toBe(true);
  await connect(page, 'handle-manual_1-next', 'handle-fixture_loyaltyPoints_1-in');
  await page.screenshot({ path: join(ARTIFACTS, 'custom-action-2-configured.png') });

  // In the test-customer panel the action says what it would do instead of doing it.
  await page.getByTestId('tab-test').click();
  await page.getByTestId('sim-run').click();
  await expect.poll(() => page.getByTestId('sim-status').getAttribute('data-status')).toBe('exited');
  await expect.poll(async () => (await page.getByTestId('sim-steps').textContent()) ?? '').toContain('would award 250 points');
  await expect.poll(() => page.getByTestId('node-fixture_loyaltyPoints_1').getAttribute('class')).toContain('visited');
  // The node and the trace name the action itself, not "Custom action".
  await expect(page.getByTestId('node-fixture_loyaltyPoints_1').textContent()).resolves.toContain('Award loyalty points');
  await expect(page.getByTestId('sim-steps').textContent()).resolves.toContain('arrived at Award loyalty points');
  await page.screenshot({ path: join(ARTIFACTS, 'custom-action-3-simulated.png') });
});

it('an editor built without the module gets the action from the API, without a rebuild', async () => {
  // What CAIRN_ACTIONS does in the API's process (launcher/main.ts loads the module at start-up).
  await import('./support/fixture-actions.js');
  const live = await openLiveEditor('custom-action-remote');
  try {
    const { page } = live;
    await page.goto(`${live.served.url}/#/`);
    await signInThroughForm(page);
    await page.getByTestId('new-journey').click();
    await page.getByTestId('editor').waitFor();
    const item = page.getByTestId('palette-action.custom:fixture.loyaltyPoints');
    await expect.poll(() => item.textContent()).toContain('Award loyalty points');
    await dropNode(page, 'trigger.manual', 420, 80);
    await dropNode(page, 'action.custom:fixture.loyaltyPoints', 420, 260);
    await expect.poll(() => nodeIds(page)).toContain('fixture_loyaltyPoints_1');
    // The form comes from the config's JSON Schema: default, bound and outputs as declared.
    await expect(page.getByTestId('field-config.points').inputValue()).resolves.toBe('100');
    await expect.poll(() => page.getByTestId('handle-fixture_loyaltyPoints_1-awarded').isVisible()).toBe(true);
    await connect(page, 'handle-manual_1-next', 'handle-fixture_loyaltyPoints_1-in');
    await page.getByTestId('tab-test').click();
    await page.getByTestId('sim-run').click();
    await expect.poll(async () => (await page.getByTestId('sim-steps').textContent()) ?? '').toContain('its own simulation is on the server');
    await live.shot('palette-and-simulation');
    expect(live.errors).toEqual([]);
  } finally {
    await live.close();
  }
}, 240_000);
