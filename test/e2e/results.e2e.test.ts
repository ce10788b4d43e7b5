/**
 * The results page in Chromium against the real stack: a live journey with a random split and a
 * holdout, customers converting in each arm through the ingest API; the page is reached from the
 * editor's top bar and the journeys list, shows the figures, the experiment and its sentence, follows a new conversion
 * without a reload (polling), exports a table as CSV, makes a variant the winner (a new version)
 * and refuses a reversed range in words. Then the results overlay on the canvas of a second live
 * journey: per node entered and converted, per output took (with its share), message outcomes
 * with a failed send in red. Email goes through the signed-webhook provider to a local stand-in
 * of an in-house sender (engine/src/providers/builtin/webhook.ts: a POST per message, a 4xx
 * answer is a permanent failure), which refuses the addresses starting with "refuse-". Last, the
 * overview grouped per lifecycle stage and per stage and channel.
 * Screenshots at 1440x900 and 1280x720 in test/artifacts/results-*.png.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseJourney } from '@cairn/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customersFor, splitJourney } from '../api/support/split.js';
import { eventually, type Stack } from '../api/support/stack.js';
import { ARTIFACTS, openLiveEditor, type LiveEditor } from './support/live.js';
import type { Served } from './support/serve.js';
import { signInThroughForm } from './support/sign-in.js';

let stack: Stack;
let served: Served;
let live: LiveEditor;
let page: LiveEditor['page'];
const J = 'results-page';

const track = async (userId: string, event: string, messageId: string, timestamp?: number) => {
  const res = await stack.post('/v1/track', { userId, event, messageId, ...(timestamp !== undefined ? { timestamp: new Date(timestamp).toISOString() } : {}) });
  expect(res.status).toBe(200);
};
const tile = (id: string) => page.getByTestId(`tile-${id}`).locator('.results-tile-value');

let sender: Server;

beforeAll(async () => {
  // The in-house sender's stand-in: 200 for every message, 400 for a "refuse-" address.
  sender = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const refused = (JSON.parse(body) as { to?: string }).to?.startsWith('refuse-');
      res.writeHead(refused ? 400 : 200, { 'content-type': 'text/plain' }).end(refused ? 'mailbox unavailable' : 'ok');
    });
  });
  await new Promise<void>((r) => sender.listen(0, '127.0.0.1', r));
  live = await openLiveEditor('results', { DELIVERY_WEBHOOK_URL: `http://127.0.0.1:${(sender.address() as AddressInfo).port}/send` });
  ({ stack, served, page } = live);
}, 240_000);

afterAll(async () => {
  await live?.close();
  sender?.close();
}, 60_000);

describe('results page', { timeout: 120_000 }, () => {
  it('shows what a live journey achieves, per arm of its experiment, and follows new conversions', async () => {
    // Published with the schema's defaults applied, as the editor saves drafts (the editor's
    // inspector reads rule groups a hand-written draft may leave out).
    const parsed = parseJourney(splitJourney(J, 'Welcome offer test'));
    if (!parsed.ok) throw new Error('the split journey does not parse');
    await stack.publish(parsed.journey);
    const A = customersFor('a', 6, 'e2e');
    const B = customersFor('b', 6, 'e2e');
    const H = customersFor('holdout', 4, 'e2e');
    for (const id of [...A, ...B, ...H]) {
      await stack.post('/v1/identify', { userId: id, traits: { email: `${id}@example.test` } });
      await track(id, 'Signed Up', `signup-${id}`);
    }
    await eventually(
      () => stack.db.enrolment.findMany({ where: { journeyId: J } }),
      (rows) => rows.length === 16 && rows.every((r) => r.status !== 'active'),
      60_000,
    );
    // A: all 6 convert through the goal node; B: 2 of 6 after the journey; nobody in the holdout yet.
    for (const id of A) await track(id, 'Order Completed', `order-${id}`);
    for (const id of B.slice(0, 2)) await track(id, 'Order Completed', `order-${id}`);
    await eventually(() => stack.db.conversion.count({ where: { journeyId: J } }), (n) => n === 6);

    await page.goto(`${served.url}/#/j/${J}`);
    await signInThroughForm(page);
    // The journey's own goal sits in the journey settings (nothing selected): a window of 7 days.
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('field-settings.goal.windowDays').inputValue()).toBe('7');
    await live.shot('1440-editor-goal-settings');
    await page.getByTestId('open-results').click();
    await page.getByTestId('results-page').waitFor();
    expect(page.url()).toContain(`#/j/${J}/results`);
    await expect.poll(() => tile('entered').textContent()).toBe('16');
    await expect.poll(() => tile('converted').textContent()).toBe('8');
    expect(await tile('rate').textContent()).toBe('50.0%');
    expect(await tile('running').textContent()).toBe('0');

    const x = page.getByTestId('table-experiment-split');
    const rows = x.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['A', '6', '6', '100.0%', '61.0% to 100.0%', '+100.0', '+37.4 to +100.0']),
    );
    expect(await rows.nth(2).locator('td').first().textContent()).toBe('Holdout (control)');
    // Wilson and Newcombe figures as computed in Python (see test/api/results.test.ts): A 6/6 vs 0/4.
    expect(await page.getByTestId('verdict-a').textContent()).toBe('A converts 100.0 points better than Holdout, 95% CI 37.4 to 100.0: likely a real effect');
    expect(await page.getByTestId('verdict-b').textContent()).toMatch(/^B: not enough data yet: about [\d,]+ more customers needed \(95% CI -?\d+\.\d to \d+\.\d points\)$/);
    const channels = page.getByTestId('table-channels').locator('tbody tr');
    expect(await channels.first().locator('td').allTextContents()).toEqual(['email', '12', '12', '—', '0', '0', '0', '0', '—', '—']);
    await page.getByTestId('results-chart').locator('canvas').waitFor();
    await live.shot('1440-journey');
    await page.screenshot({ path: join(ARTIFACTS, 'results-1440-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await live.shot('1280-journey');
    await page.setViewportSize({ width: 1440, height: 900 });

    // A new conversion shows up without a reload.
    await track(H[1]!, 'Order Completed', `order-${H[1]}`);
    await expect.poll(() => tile('converted').textContent(), { timeout: 15_000 }).toBe('9');
    expect(await rows.nth(2).locator('td').allTextContents()).toEqual(expect.arrayContaining(['Holdout (control)', '4', '1', '25.0%']));
    expect(await page.getByTestId('verdict-a').textContent()).toBe('A converts 75.0 points better than Holdout, 95% CI 15.5 to 95.4: likely a real effect');
    await live.shot('1440-after-holdout-conversion');

    // The channels table as CSV: the raw figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-channels-csv').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${J}-channels-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toBe('Channel,Messages,Sent,Delivered,Failed,Suppressed,Deferred,Sending,Opened,Clicked\r\nemail,12,12,,0,0,0,0,,\r\n');
    const [experimentCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-experiment-split-csv').click()]);
    const lines = (await readFile((await experimentCsv.path())!, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe('Branch,Customers,Converted,Conversion rate,95% CI low,95% CI high,vs control (points),Difference CI low,Difference CI high,Verdict');
    // A 6/6 against the holdout's 1/4: Wilson 0.609666 to 1, difference 0.75, CI 0.154783 to 0.954413 (Python).
    expect(lines[1]).toMatch(/^A,6,6,1,0\.60966\d+,(1|0\.9999\d+),0\.75,0\.15478\d+,0\.95441\d+,"A converts 75\.0 points better than Holdout, 95% CI 15\.5 to 95\.4: likely a real effect"$/);

    // Make A the winner: confirmed, then a new version where everyone takes A.
    await page.getByTestId('make-winner-a').click();
    await page.getByTestId('confirm-winner').waitFor();
    await live.shot('1440-winner-confirm');
    await page.getByTestId('confirm-winner').click();
    await expect.poll(() => page.getByTestId('results-notice').textContent()).toBe('Published version 2: A made the winner of Welcome offer (everyone takes it from now on).');
    await expect.poll(() => page.getByTestId('results-version').locator('option').allTextContents()).toEqual(['All versions', 'Version 2', 'Version 1']);
    const v2 = await stack.db.journeyVersion.findFirstOrThrow({ where: { journeyId: J, version: 2 } });
    expect((v2.definition as { nodes: Array<{ id: string; variants?: Array<{ percent: number }> }> }).nodes.find((n) => n.id === 'split')?.variants?.map((v) => v.percent)).toEqual([100, 0]);

    // A reversed range is refused in words.
    await page.getByTestId('results-from').fill('2026-11-20');
    await page.getByTestId('results-to').fill('2026-11-01');
    await page.getByTestId('results-range-apply').click();
    await expect.poll(() => page.getByTestId('results-error').textContent()).toMatch(/^the range ends on 2026-11-01, before it starts on 2026-11-20: swap the dates \(the figures below are still those of /);
    await live.shot('1440-reversed-range');

    // The journeys list links the results of a live journey too.
    await page.goto(`${served.url}/#/`);
    await page.getByTestId(`results-${J}`).waitFor();
    await live.shot('1440-journeys-list');
    await page.getByTestId(`results-${J}`).click();
    await page.getByTestId('results-page').waitFor();
    await expect.poll(() => tile('converted').textContent()).toBe('9');

    // Every journey side by side, from the journeys list: sortable, each name linking to its results.
    await page.goto(`${served.url}/#/`);
    await page.getByTestId('open-results-overview').click();
    await page.getByTestId('results-overview').waitFor();
    const overview = page.getByTestId('table-overview').locator('tbody tr');
    await expect.poll(() => overview.count()).toBe(1);
    // Lift stays visible after the winner: A and B 8 of 12 against the holdout's 1 of 4 (+41.7 points).
    expect(await overview.first().locator('td').allTextContents()).toEqual(['Welcome offer test', 'active', '—', '16', '9', '56.3%', '+41.7', expect.stringMatching(/^[+−]\d+\.\d to \+\d+\.\d$/), '12', '0']);
    expect(await page.getByTestId('table-overview-channels').locator('tbody tr').first().locator('td').allTextContents()).toEqual(['email', '12', '8', '66.7%']);
    await page.getByTestId('table-overview-sort-Entered').click();
    expect(await page.getByTestId('table-overview').locator('th[aria-sort]').textContent()).toBe('Entered ▾');
    await live.shot('1440-overview');
    await overview.first().getByRole('link', { name: 'Welcome offer test' }).click();
    await page.getByTestId('results-page').waitFor();
    expect(live.errors).toEqual([]);
  });

  it('draws the results on the canvas of a live journey: per node, per output, failed sends in red', async () => {
    const C = 'results-canvas';
    // Its own trigger event, so its customers do not enter the first journey too.
    const draft = splitJourney(C, 'Canvas results');
    const parsed = parseJourney({ ...draft, stage: 'acquisition', nodes: draft.nodes.map((n) => (n.id === 'signed-up' ? { ...n, event: 'Trial Started' } : n)) });
    if (!parsed.ok) throw new Error('the split journey does not parse');
    await stack.publish(parsed.journey);
    const A = customersFor('a', 4, 'cv');
    const B = customersFor('b', 3, 'cv');
    const H = customersFor('holdout', 2, 'cv');
    for (const id of [...A, ...B, ...H]) {
      // The sender refuses the first B customer's address: a failed send on "mail-b".
      const email = id === B[0] ? `refuse-${id}@example.test` : `${id}@example.test`;
      await stack.post('/v1/identify', { userId: id, traits: { email } });
      await track(id, 'Trial Started', `trial-${id}`);
    }
    await eventually(
      () => stack.db.message.findMany({ where: { journeyId: C } }),
      (rows) => rows.length === 7 && rows.every((m) => m.status === 'sent' || m.status === 'failed'),
      60_000,
    );
    for (const id of A.slice(0, 3)) await track(id, 'Order Completed', `order-${id}`);
    await eventually(() => stack.db.conversion.count({ where: { journeyId: C } }), (n) => n === 3);

    await page.goto(`${served.url}/#/j/${C}`);
    await page.getByTestId('editor').waitFor();
    // Off at first: the live counts; on: the results, refreshed while shown.
    await page.getByTestId('show-results').check();
    const figures = (id: string) => page.getByTestId(`node-results-${id}`);
    await expect.poll(() => figures('split').textContent()).toBe('9 entered3 converted (33.3%)');
    expect(await page.getByTestId('node-results-out-split-a').textContent()).toBe('4 · 44%');
    expect(await page.getByTestId('node-results-out-split-b').textContent()).toBe('3 · 33%');
    expect(await page.getByTestId('node-results-out-split-holdout').textContent()).toBe('2 · 22%');
    expect(await page.getByTestId('node-results-out-split-a').getAttribute('title')).toBe('4 took "A", 3 of them converted (75.0%)');
    expect(await figures('mail-a').textContent()).toBe('4 entered3 converted (75.0%)4 sent');
    expect(await figures('mail-b').textContent()).toBe('3 entered2 sent1 failed');
    const failed = page.getByTestId('node-results-failed-mail-b');
    expect(await failed.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(185, 28, 28)');
    // The journey was published by hand, without positions: laid out and fitted for the pictures.
    await page.getByTestId('auto-layout').click();
    await page.getByTestId('fit-view').click();
    await live.shot('1440-canvas-overlay');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('fit-view').click();
    await live.shot('1280-canvas-overlay');
    await page.setViewportSize({ width: 1440, height: 900 });
    // A new conversion shows without a reload.
    await track(A[3]!, 'Order Completed', `order-${A[3]}`);
    await expect.poll(() => figures('mail-a').textContent(), { timeout: 15_000 }).toBe('4 entered4 converted (100.0%)4 sent');
    // Off again: the live counts are back.
    await page.getByTestId('show-results').uncheck();
    await expect.poll(() => figures('split').count()).toBe(0);

    // The overview per lifecycle stage: this journey under Acquisition, the first one without a stage.
    await page.goto(`${served.url}/#/results`);
    const stages = page.getByTestId('table-overview-stages').locator('tbody tr');
    await expect.poll(() => stages.count()).toBe(2);
    expect(await stages.nth(0).locator('td').allTextContents()).toEqual(['Acquisition', '1', '9', '4', '44.4%', '6', '1']);
    expect(await stages.nth(1).locator('td').allTextContents()).toEqual(['No stage', '1', '16', '9', '56.3%', '12', '0']);
    const stageChannels = page.getByTestId('table-overview-stage-channels').locator('tbody tr');
    expect(await stageChannels.nth(0).locator('td').allTextContents()).toEqual(['Acquisition', 'email', '6', '4', '66.7%', '6', '1']);
    expect(await stageChannels.nth(1).locator('td').allTextContents()).toEqual(['No stage', 'email', '12', '8', '66.7%', '12', '0']);
    await page.getByTestId('table-overview-stages').scrollIntoViewIfNeeded();
    await live.shot('1440-overview-stages');
    await page.setViewportSize({ width: 1280, height: 720 });
    await live.shot('1280-overview-stages');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(live.errors).toEqual([]);
  });
});
