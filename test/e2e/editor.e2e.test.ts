/**
 * The marketer's flow in real Chromium against the built editor: build a journey from the
 * palette, connect and configure it, see a problem and fix it, publish, run a test customer and
 * see the path light up; plus undo, copy/paste, insert-on-edge, autosave and import.
 * Screenshots go to test/artifacts/.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalEditor, type LocalEditor } from './support/local-editor.js';
import { connect, dropNode, fillFirstBranch, nodeIds, viewAtRest } from './support/canvas.js';
import type { Served } from './support/serve.js';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
let local: LocalEditor;
let served: Served;
let page: Page;
let errors: string[];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `editor-${name}.png`) });
const field = (path: string) => page.getByTestId(`field-${path}`);
const node = (id: string) => page.getByTestId(`node-${id}`);
const selectNode = async (id: string) => {
  await page.getByTestId('tab-inspect').click();
  await page.getByTestId('fit-view').click();
  await viewAtRest(page);
  await node(id).click({ position: { x: 60, y: 12 } });
  await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe(id);
};

beforeAll(async () => {
  local = await openLocalEditor();
  ({ served, page, errors } = local);
}, 120_000);

afterAll(() => local?.close());

describe('visual editor in Chromium', { timeout: 60_000 }, () => {
  it('builds a journey from the palette and connects named outputs', async () => {
    await page.getByTestId('new-journey').click();
    await page.getByTestId('editor').waitFor();
    await dropNode(page, 'trigger.event', 420, 80);
    await dropNode(page, 'condition.split', 420, 240);
    await dropNode(page, 'action.email', 220, 420);
    await dropNode(page, 'action.sms', 620, 420);
    expect(await nodeIds(page)).toEqual(['event_1', 'split_1', 'email_1', 'sms_1']);
    await expect.poll(() => page.getByTestId('handle-split_1-else').isVisible()).toBe(true);
    await connect(page, 'handle-event_1-next', 'handle-split_1-in');
    await connect(page, 'handle-split_1-yes', 'handle-email_1-in');
    await connect(page, 'handle-split_1-else', 'handle-sms_1-in');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await shot('1-built');
  });

  it('configures steps through schema-derived forms, with a live message preview', async () => {
    await selectNode('event_1');
    await field('event').fill('Trial Started');
    await selectNode('split_1');
    await fillFirstBranch(page, 'Pro plan', 'plan', 'eq', 'pro');
    await expect.poll(() => page.getByTestId('handle-split_1-yes').locator('xpath=..').textContent()).toContain('Pro plan');
    await selectNode('email_1');
    await field('subject').fill('Welcome, ');
    await field('subject.$insert').selectOption('customer.firstName');
    await expect.poll(() => field('subject').inputValue()).toBe('Welcome, {{ customer.firstName }}');
    await expect.poll(() => field('subject.$preview').textContent()).toBe('Welcome, Ana');
    await field('topic').fill('onboarding');
    await shot('2-configured');
  });

  it('marks problems on the nodes, lists them, blocks publishing until they are fixed', async () => {
    // Email and SMS lead nowhere yet: customers would be stuck there.
    await expect.poll(() => page.getByTestId('node-problems-email_1').isVisible()).toBe(true);
    await expect(page.getByTestId('publish').isDisabled()).resolves.toBe(true);
    await expect(node('sms_1').getAttribute('class')).resolves.toContain('has-error');
    await page.getByTestId('tab-problems').click();
    const problem = page.getByTestId('problem').and(page.locator('[data-node="sms_1"]')).first();
    await expect(problem.textContent()).resolves.toContain('stuck');
    await shot('3-problems');
    await problem.click();
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe('sms_1');
    // A field-level error, from the node's schema.
    await selectNode('event_1');
    await field('event').fill('');
    await expect.poll(() => page.getByTestId('inspector-problems').textContent()).toContain('name the event');
    await field('event').fill('Trial Started');
    // Fix the dangling outputs with an Exit.
    await dropNode(page, 'exit', 420, 600);
    await connect(page, 'handle-email_1-next', 'handle-exit_1-in');
    await connect(page, 'handle-sms_1-next', 'handle-exit_1-in');
    await expect.poll(() => page.getByTestId('publish').isEnabled()).toBe(true);
    expect(await page.locator('.cn.has-error').count()).toBe(0);
    await shot('4-fixed');
  });

  it('publishes a version with a note and lists it', async () => {
    await page.getByTestId('publish-note').fill('first version');
    await page.getByTestId('publish').click();
    // The review (problems, changes, customers inside) comes first.
    await page.getByTestId('publish-review').getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('message').textContent()).toContain('Published version 1');
    await page.getByTestId('tab-versions').click();
    await expect(page.getByTestId('version-1').textContent()).resolves.toContain('first version');
  });

  it('runs a test customer and lights up the path they take', async () => {
    await page.getByTestId('tab-test').click();
    await page.getByTestId('sim-attributes').fill('{"firstName": "Lan", "plan": "pro"}');
    await page.getByTestId('sim-event-name-0').fill('Trial Started');
    await page.getByTestId('sim-run').click();
    await expect.poll(() => page.getByTestId('sim-status').getAttribute('data-status')).toBe('exited');
    const visited = await page.locator('.cn.visited').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(visited.sort()).toEqual(['node-email_1', 'node-event_1', 'node-exit_1', 'node-split_1']);
    expect(await page.locator('.react-flow__edge.visited').count()).toBe(3);
    const steps = await page.getByTestId('sim-step').allTextContents();
    expect(steps.join('\n')).toContain('Pro plan: plan is "pro"');
    expect(steps.join('\n')).toContain('[sent]');
    await shot('5-simulated');
    // Refusing email shows the suppression and still follows the path.
    await page.getByTestId('sim-suppressed-email').check();
    await page.getByTestId('sim-run').click();
    await expect.poll(async () => (await page.getByTestId('sim-steps').textContent()) ?? '').toContain('[suppressed]');
    await page.getByTestId('sim-attributes').fill('{"plan": "free"}');
    await page.getByTestId('sim-run').click();
    await expect.poll(() => node('sms_1').getAttribute('class')).toContain('visited');
    await page.getByTestId('sim-clear').click();
  });

  it('deletes with the keyboard, undoes and redoes', async () => {
    await selectNode('sms_1');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page)).not.toContain('sms_1');
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeIds(page)).toContain('sms_1');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(5);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeIds(page)).not.toContain('sms_1');
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeIds(page)).toContain('sms_1');
    // Typing in one field is one undo step.
    await selectNode('sms_1');
    const before = await field('body').inputValue();
    await field('body').focus();
    await page.keyboard.press('Control+End');
    await field('body').pressSequentially(' See you!');
    await expect.poll(() => field('body').inputValue()).toBe(`${before} See you!`);
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await selectNode('sms_1');
    await expect.poll(() => field('body').inputValue()).toBe(before);
  });

  it('copies and pastes a selection with fresh ids', async () => {
    await selectNode('email_1');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodeIds(page)).toContain('email_2');
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe('email_2');
    await expect(field('subject').inputValue()).resolves.toBe('Welcome, {{ customer.firstName }}');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page)).not.toContain('email_2');
  });

  it('inserts a dropped step into the edge it lands on', async () => {
    await page.getByTestId('auto-layout').click();
    await viewAtRest(page);
    const path = page.locator('.react-flow__edge[data-id^="event_1-next"] .react-flow__edge-path');
    const box = await path.boundingBox();
    if (!box) throw new Error('edge not visible');
    const canvas = await page.getByTestId('canvas').boundingBox();
    await dropNode(page, 'wait.delay', box.x + box.width / 2 - canvas!.x, box.y + box.height / 2 - canvas!.y);
    await expect.poll(() => nodeIds(page)).toContain('delay_1');
    const edges = await page.locator('.react-flow__edge').evaluateAll((els) =>
      els.map((e) => e.getAttribute('aria-label') ?? ''),
    );
    expect(edges).toContain('Edge from event_1 to delay_1');
    expect(edges).toContain('Edge from delay_1 to split_1');
    expect(edges).not.toContain('Edge from event_1 to split_1');
    await shot('6-inserted');
  });

  it("moves an edge by dragging its end to another step's input", async () => {
    const end = page.locator('.react-flow__edge[data-id^="split_1-else"] .react-flow__edgeupdater-target');
    const a = await end.boundingBox();
    const b = await page.getByTestId('handle-email_1-in').boundingBox();
    if (!a || !b) throw new Error('edge end or handle not visible');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - 20, { steps: 5 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await page.mouse.up();
    const labels = () => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    await expect.poll(async () => (await labels()).filter((l) => l === 'Edge from split_1 to email_1').length).toBe(2);
    expect(await labels()).not.toContain('Edge from split_1 to sms_1');
    await page.keyboard.press('Control+z');
    await expect.poll(labels).toContain('Edge from split_1 to sms_1');
  });

  it('offers custom actions from the plugin registry, with their own config form', async () => {
    await page.getByTestId('fit-view').click();
    await dropNode(page, 'action.custom:coupon.issue', 120, 120);
    await expect.poll(() => nodeIds(page)).toContain('coupon_issue_1');
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-node')).toBe('coupon_issue_1');
    await expect(field('config.prefix').inputValue()).resolves.toBe('WELCOME');
    await field('config.prefix').fill('vip');
    await expect.poll(() => page.getByTestId('inspector-problems').textContent()).toContain('upper-case letters');
    await field('config.prefix').fill('VIP');
    await expect.poll(() => page.getByTestId('handle-coupon_issue_1-failure').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await selectNode('coupon_issue_1');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page)).not.toContain('coupon_issue_1');
  });

  it('autosaves the draft: a reload brings the same journey back', async () => {
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 5000 }).toBe('saved');
    const before = await nodeIds(page);
    await page.reload();
    await page.getByTestId('editor').waitFor();
    expect((await nodeIds(page)).sort()).toEqual([...before].sort());
    await expect(page.getByTestId('journey-name').inputValue()).resolves.toBe('New journey');
  });

  it('imports journey JSON, listing schema problems by path without losing the text', async () => {
    await page.goto(`${served.url}/#/`);
    await page.getByTestId('import-journey').click();
    const bad = JSON.stringify({ id: 'imported', name: 'Imported', nodes: [{ id: 't', type: 'wait.delay', duration: { amount: -1, unit: 'days' } }] });
    await page.getByTestId('import-text').fill(bad);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('import-problems').textContent()).resolves.toContain('nodes.0.duration.amount');
    await expect(page.getByTestId('import-text').inputValue()).resolves.toBe(bad);
    await page.getByTestId('import-text').fill(bad.replace('-1', '2'));
    await page.getByTestId('import-submit').click();
    await page.getByTestId('editor').waitFor();
    expect(await nodeIds(page)).toEqual(['t']);
    await shot('7-imported');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
