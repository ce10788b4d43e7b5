/**
 * Operating live journeys in Chromium against the real stack (embedded PostgreSQL, Temporal dev
 * server, worker), issue 12: the list's badges, search and filters; pause, resume and stop with a
 * confirmation naming the customers inside (and reaching their workflows); delete and duplicate;
 * the editor header's live state; the publish review (problems, the diff, where the customers
 * wait). axe-core checks each page and dialog; screenshots at 1440x900 and 1280x720 in
 * test/artifacts/controls-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack } from '../api/support/stack.js';
import { manualWithWait, welcome } from '../api/support/journeys.js';
import { seriousViolations } from './support/axe.js';
import { openLiveEditor, type LiveEditor } from './support/live.js';
import type { Served } from './support/serve.js';
import { signInThroughForm } from './support/sign-in.js';

let stack: Stack;
let served: Served;
let live: LiveEditor;
let page: LiveEditor['page'];

const row = (id: string) => page.getByTestId(`journey-row-${id}`);
const rowIds = async () => (await page.locator('[data-testid^="journey-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).map((t) => t?.slice('journey-row-'.length));
const dialog = () => page.getByTestId('confirm-dialog');
const shots = async (name: string) => {
  await live.shot(`${name}-1440`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await live.shot(`${name}-1280`);
  await page.setViewportSize({ width: 1440, height: 900 });
};

/** The onboarding journey with two customers waiting at "Wait a day". */
const onboarding = () => {
  const j = { ...manualWithWait('onboarding'), name: 'Welcome onboarding', stage: 'onboarding' };
  // Positions, as the canvas stores them (the editor draws a stored draft as it is).
  j.nodes = j.nodes.map((n, i) => ({ ...n, position: { x: 200, y: i * 150 }, ...(n.id === 'wait' ? { label: 'Wait a day' } : {}) }));
  return j;
};

beforeAll(async () => {
  live = await openLiveEditor('controls');
  ({ stack, served, page } = live);
  await stack.publish(onboarding());
  for (const id of ['ada', 'ben']) {
    await stack.db.customer.create({ data: { id, email: `${id}@example.test` } });
    await stack.caller.journeys.enrol({ journeyId: 'onboarding', customerId: id });
  }
  await eventually(
    () => stack.db.enrolment.count({ where: { journeyId: 'onboarding', status: 'waiting' } }),
    (n) => n === 2,
  );
  await stack.caller.journeys.saveDraft({ id: 'winback', draft: { ...welcome('winback'), name: 'Win back lapsed', stage: 'win-back' } });
  const promo = { ...welcome('promo'), name: 'Spring promo', stage: 'engagement' };
  await stack.publish(promo);
  await stack.caller.journeys.saveDraft({ id: 'promo', draft: { ...promo, nodes: promo.nodes.map((n) => (n.id === 'hello' ? { ...n, body: 'Spring is here!' } : n)) } });
  const old = { ...welcome('old'), name: 'Old newsletter' };
  await stack.publish(old);
  await stack.caller.journeys.archive({ id: 'old' });
  await page.goto(`${served.url}/#/`);
  await signInThroughForm(page);
  await page.getByTestId('journeys-page').waitFor();
}, 300_000);

afterAll(async () => {
  await live?.close();
}, 60_000);

describe('the journeys list', { timeout: 90_000 }, () => {
  it('shows status badges, hides archived journeys until asked, searches and filters', async () => {
    await row('onboarding').waitFor();
    expect(await row('onboarding').getByTestId('badges').textContent()).toBe('live v1');
    expect(await row('winback').getByTestId('badges').textContent()).toBe('draft');
    expect(await row('promo').getByTestId('badges').textContent()).toBe('live v1unpublished changes');
    expect(await row('onboarding').getByTestId('in-journey').textContent()).toBe('2');
    expect(await rowIds()).not.toContain('old');
    expect(await seriousViolations(page)).toEqual([]);
    await shots('1-list');

    await page.getByTestId('journey-search').fill('welcome');
    await expect.poll(rowIds).toEqual(['onboarding']);
    await page.getByTestId('journey-search').fill('');
    await page.getByTestId('filter-stage').selectOption('win-back');
    await expect.poll(rowIds).toEqual(['winback']);
    await page.getByTestId('filter-stage').selectOption('');
    await page.getByTestId('filter-status').selectOption('changes');
    await expect.poll(rowIds).toEqual(['promo']);
    await page.getByTestId('filter-status').selectOption('archived');
    await expect.poll(rowIds).toEqual(['old']);
    expect(await row('old').getByTestId('badges').textContent()).toBe('archived');
    await page.getByTestId('filter-status').selectOption('all');
    await page.getByTestId('sort').selectOption('name');
    await expect.poll(rowIds).toEqual(['promo', 'onboarding', 'winback']);
  });

  it('pauses and resumes with a confirmation that counts the customers inside', async () => {
    await row('onboarding').getByTestId('action-pause').click();
    await dialog().waitFor();
    expect(await dialog().getByTestId('confirm-customers').textContent()).toMatch(/^The 2 customers inside stay where they are/);
    expect(await seriousViolations(page, '[data-testid="confirm-dialog"]')).toEqual([]);
    await shots('2-pause-confirm');
    // Cancel changes nothing.
    await dialog().getByTestId('confirm-cancel').click();
    await dialog().waitFor({ state: 'detached' });
    expect((await stack.caller.journeys.get({ id: 'onboarding' })).status).toBe('active');

    await row('onboarding').getByTestId('action-pause').click();
    await dialog().getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('list-message').textContent()).toBe('Paused “Welcome onboarding” (2 customers inside reached).');
    await expect.poll(() => row('onboarding').getByTestId('badges').textContent()).toBe('paused v1');
    expect((await stack.caller.journeys.get({ id: 'onboarding' })).status).toBe('paused');

    await row('onboarding').getByTestId('action-resume').click();
    expect(await dialog().getByTestId('confirm-customers').textContent()).toBe('The 2 customers inside carry on from the step they are at.');
    await dialog().getByTestId('confirm-ok').click();
    await expect.poll(() => row('onboarding').getByTestId('badges').textContent()).toBe('live v1');
  });

  it('deletes a never-published draft and duplicates a journey', async () => {
    expect(await row('promo').getByTestId('action-delete').count()).toBe(0); // published: archive only
    await row('winback').getByTestId('action-delete').click();
    expect(await dialog().getByTestId('confirm-customers').textContent()).toBe('It was never published, so no customer was ever in it.');
    await dialog().getByTestId('confirm-ok').click();
    await row('winback').waitFor({ state: 'detached' });
    expect(await stack.db.journey.count({ where: { id: 'winback' } })).toBe(0);

    await row('promo').getByTestId('action-duplicate').click();
    await dialog().getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('list-message').textContent()).toBe('Made “Copy of Spring promo”.');
    const copy = await stack.db.journey.findFirstOrThrow({ where: { name: 'Copy of Spring promo' } });
    await expect.poll(() => row(copy.id).getByTestId('badges').textContent()).toBe('draft');
  });

  it('archives a journey out of the list, shows it under the Archived filter and restores it', async () => {
    await row('promo').getByTestId('action-archive').click();
    expect(await dialog().getByTestId('confirm-customers').textContent()).toBe('Nobody is in the journey now.');
    await dialog().getByTestId('confirm-ok').click();
    await row('promo').waitFor({ state: 'detached' });
    expect((await stack.caller.journeys.get({ id: 'promo' })).status).toBe('archived');
    await page.getByTestId('filter-status').selectOption('archived');
    await expect.poll(rowIds).toEqual(['old', 'promo']);
    expect(await seriousViolations(page)).toEqual([]);
    await row('promo').getByTestId('action-unarchive').click();
    expect(await dialog().textContent()).toContain('It comes back to the list as stopped.');
    await dialog().getByTestId('confirm-ok').click();
    await row('promo').waitFor({ state: 'detached' });
    await page.getByTestId('filter-status').selectOption('all');
    await expect.poll(() => row('promo').getByTestId('badges').textContent()).toBe('stoppedunpublished changes');
  });
});

describe('the editor header and the publish review', { timeout: 90_000 }, () => {
  it('shows the live version and unpublished changes, and reviews a publish: problems, diff, customers inside', async () => {
    // The draft changes against v1: the email's text, the wait's length, an SMS added before the exit.
    const v1 = onboarding();
    const draft = {
      ...v1,
      nodes: [
        ...v1.nodes.map((n): Record<string, unknown> =>
          n.id === 'mail' ? { ...n, subject: 'See you soon', body: 'Hello again,\nhere is what is new.' } : n.id === 'wait' ? { ...n, duration: { amount: 2, unit: 'days' } } : n,
        ),
        { id: 'nudge', type: 'action.sms', label: 'Text reminder', body: 'Come back!', position: { x: 450, y: 450 } },
      ],
      edges: [...v1.edges.filter((e) => e.id !== 'e3'), { id: 'e4', source: 'mail', target: 'nudge' }, { id: 'e5', source: 'nudge', target: 'done' }],
    };
    await stack.caller.journeys.saveDraft({ id: 'onboarding', draft });

    await page.goto(`${served.url}/#/j/onboarding`);
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('live v1');
    await page.getByTestId('header-badge-changes').waitFor();
    await expect.poll(() => page.getByTestId('publish').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('publish-note').fill('two days, and a text');
    await page.getByTestId('publish').click();
    const review = page.getByTestId('publish-review');
    await review.getByTestId('review-waiting').waitFor();
    expect(await review.getByTestId('review-added').textContent()).toBe('Added: Text reminder (Send SMS)');
    const changed = await review.getByTestId('review-changed').textContent();
    expect(changed).toContain('Changed: Wait a dayduration › amount: 1 → 2');
    expect(await review.getByTestId('text-change').first().textContent()).toBe('LiveLaterNewSee you soon');
    expect(await review.getByTestId('review-links').textContent()).toContain('Disconnected: Send email (next) → Exit');
    expect(await review.getByTestId('review-waiting-total').textContent()).toMatch(/^2 customers are in the journey\. They stay on the version they entered with/);
    expect(await review.getByTestId('review-waiting').locator('tbody tr').allTextContents()).toEqual(['v1 (live)Wait a day2']);
    expect(await seriousViolations(page, '[data-testid="publish-review"]')).toEqual([]);
    await shots('3-publish-review');

    await review.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('message').textContent(), { timeout: 15_000 }).toContain('Published version 2');
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('live v2');
    expect(await page.getByTestId('header-badge-changes').count()).toBe(0);
    // The customers inside stay on version 1.
    expect(await stack.db.enrolment.count({ where: { journeyId: 'onboarding', version: 1, status: 'waiting' } })).toBe(2);
    expect(await seriousViolations(page, '[data-testid="toolbar"]')).toEqual([]);
    await shots('4-editor-header');
  });

  it('stops the journey from the header: every customer inside exits', async () => {
    await page.getByTestId('live-state').getByTestId('action-stop').click();
    expect(await dialog().getByTestId('confirm-customers').textContent()).toBe('The 2 customers inside exit now and get nothing more from it (recorded as “stopped”).');
    expect(await dialog().getByTestId('confirm-ok').textContent()).toBe('Stop and take 2 customers out');
    await shots('5-stop-confirm');
    await dialog().getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('stopped');
    const ended = await eventually(
      () => stack.db.enrolment.findMany({ where: { journeyId: 'onboarding' }, select: { status: true, exitReason: true } }),
      (rows) => rows.every((r) => r.status === 'exited'),
    );
    expect(ended).toEqual([
      { status: 'exited', exitReason: 'stopped' },
      { status: 'exited', exitReason: 'stopped' },
    ]);
  });

  it('opens a draft stored through the API without node positions', async () => {
    await page.goto(`${served.url}/#/j/promo`);
    await page.getByTestId('editor').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('unpublished changes');
    await page.goto(`${served.url}/#/j/onboarding`);
    await page.getByTestId('editor').waitFor();
  });

  it('keeps the other actions under "More" in the header: archive from there', async () => {
    const more = page.getByTestId('actions-more');
    await more.locator('summary').click();
    expect(await more.getByRole('button').allTextContents()).toEqual(['Duplicate', 'Archive']);
    expect(await seriousViolations(page, '[data-testid="toolbar"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => more.getAttribute('open')).toBeNull();
    await more.locator('summary').click();
    await more.getByTestId('action-archive').click();
    expect(await dialog().getByTestId('confirm-customers').textContent()).toBe('Nobody is in the journey now.');
    await dialog().getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('archived');
    expect((await stack.caller.journeys.get({ id: 'onboarding' })).status).toBe('archived');
    expect(live.errors).toEqual([]);
  });
});
