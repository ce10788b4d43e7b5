import { describe, expect, it } from 'vitest';
import type { JourneySummary } from '../api/client.js';
import { actionsFor, badgesOf, confirmationOf } from './controls.js';
import { DEFAULT_VIEW, viewJourneys } from './filter.js';

describe('badges', () => {
  it('names the state and the live version, and unpublished changes beside it', () => {
    expect(badgesOf({ name: 'A', status: 'draft', liveVersion: null }).map((b) => b.text)).toEqual(['draft']);
    expect(badgesOf({ name: 'A', status: 'active', liveVersion: 3, unpublishedChanges: true }).map((b) => b.text)).toEqual(['live v3', 'unpublished changes']);
    expect(badgesOf({ name: 'A', status: 'paused', liveVersion: 2 }).map((b) => b.text)).toEqual(['paused v2']);
    expect(badgesOf({ name: 'A', status: 'stopped', liveVersion: 2 }).map((b) => b.text)).toEqual(['stopped']);
    expect(badgesOf({ name: 'A', status: 'archived', liveVersion: 2, unpublishedChanges: true }).map((b) => b.text)).toEqual(['archived']);
  });
});

describe('actions and their confirmations', () => {
  it('offers what fits the state: delete only for a never-published journey', () => {
    expect(actionsFor({ status: 'active', liveVersion: 1 })).toEqual(['pause', 'stop', 'duplicate', 'archive']);
    expect(actionsFor({ status: 'paused', liveVersion: 1 })).toEqual(['resume', 'stop', 'duplicate', 'archive']);
    expect(actionsFor({ status: 'draft', liveVersion: null })).toContain('delete');
    expect(actionsFor({ status: 'stopped', liveVersion: 4 })).not.toContain('delete');
    expect(actionsFor({ status: 'archived', liveVersion: 4 })).toEqual(['unarchive', 'duplicate']);
  });

  it('says what happens to the customers inside, with their number', () => {
    const j = { name: 'Welcome', status: 'active' as const, liveVersion: 2, inJourney: 412 };
    expect(confirmationOf('stop', j)).toMatchObject({
      title: 'Stop “Welcome”?',
      lines: ['The 412 customers inside exit now and get nothing more from it (recorded as “stopped”).', expect.stringMatching(/cannot be undone/)],
      confirm: 'Stop and take 412 customers out',
      danger: true,
    });
    expect(confirmationOf('pause', j).lines[0]).toMatch(/^The 412 customers inside stay where they are: nothing is sent/);
    expect(confirmationOf('resume', { ...j, status: 'paused' }).lines).toEqual(['The 412 customers inside carry on from the step they are at.', 'New customers enter again, on live version 2.']);
    expect(confirmationOf('archive', { ...j, inJourney: 1 }).confirm).toBe('Archive and take 1 customer out');
    expect(confirmationOf('archive', { ...j, inJourney: 0 })).toMatchObject({ lines: ['Nobody is in the journey now.', expect.any(String)], danger: false });
    expect(confirmationOf('delete', { ...j, status: 'draft', liveVersion: null }).lines[0]).toBe('It was never published, so no customer was ever in it.');
    expect(confirmationOf('duplicate', j).lines[1]).toBe('A new draft “Copy of Welcome” is made from the current draft, with no versions and no customers.');
  });
});

describe('the list view', () => {
  const row = (id: string, over: Partial<JourneySummary>): JourneySummary => ({ id, name: id, status: 'active', liveVersion: 1, updatedAt: '2026-11-01T00:00:00Z', ...over });
  const list = [
    row('Welcome series', { stage: 'onboarding', updatedAt: '2026-11-03T00:00:00Z' }),
    row('Win back', { stage: 'win-back', status: 'paused', updatedAt: '2026-11-05T00:00:00Z' }),
    row('Old promo', { status: 'archived', updatedAt: '2026-11-09T00:00:00Z' }),
    row('Welcome draft', { stage: 'onboarding', status: 'draft', liveVersion: null, updatedAt: '2026-11-01T00:00:00Z' }),
    row('Changed', { unpublishedChanges: true, updatedAt: '2026-11-04T00:00:00Z' }),
  ];
  const ids = (v: Partial<typeof DEFAULT_VIEW>) => viewJourneys(list, { ...DEFAULT_VIEW, ...v }).map((j) => j.id);

  it('hides archived journeys unless asked, newest change first', () => {
    expect(ids({})).toEqual(['Win back', 'Changed', 'Welcome series', 'Welcome draft']);
    expect(ids({ status: 'archived' })).toEqual(['Old promo']);
    expect(ids({ sort: 'changed-asc' })).toEqual(['Welcome draft', 'Welcome series', 'Changed', 'Win back']);
  });

  it('searches names by every word, and filters by stage and status', () => {
    expect(ids({ query: 'welcome SER' })).toEqual(['Welcome series']);
    expect(ids({ stage: 'onboarding' })).toEqual(['Welcome series', 'Welcome draft']);
    expect(ids({ status: 'live' })).toEqual(['Changed', 'Welcome series']);
    expect(ids({ status: 'changes' })).toEqual(['Changed']);
    expect(ids({ status: 'draft', stage: 'onboarding' })).toEqual(['Welcome draft']);
  });
});
