import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.js';

describe('hash routes', () => {
  it('maps hashes to pages', () => {
    expect(parseRoute('')).toEqual({ page: 'list' });
    expect(parseRoute('#/j/welcome-ab12')).toEqual({ page: 'editor', id: 'welcome-ab12' });
    expect(parseRoute('#/j/welcome-ab12/v/3')).toEqual({ page: 'editor', id: 'welcome-ab12', version: 3 });
    expect(parseRoute('#/j/welcome-ab12/results')).toEqual({ page: 'results', id: 'welcome-ab12' });
    expect(parseRoute('#/results')).toEqual({ page: 'results-overview' });
    expect(parseRoute('#/c/user%40example.com')).toEqual({ page: 'customer', id: 'user@example.com' });
    expect(parseRoute('#/j/bad.id')).toEqual({ page: 'list' });
    expect(parseRoute('#/account')).toEqual({ page: 'account' });
    expect(parseRoute('#/policy')).toEqual({ page: 'policy' });
    expect(parseRoute('#/channels')).toEqual({ page: 'channels' });
    expect(parseRoute('#/templates')).toEqual({ page: 'templates' });
    expect(parseRoute('#/customers')).toEqual({ page: 'customers' });
    expect(parseRoute('#/broadcasts')).toEqual({ page: 'broadcasts' });
    expect(parseRoute('#/segments')).toEqual({ page: 'segments' });
    expect(parseRoute('#/segments/seg_ab12')).toEqual({ page: 'segment', id: 'seg_ab12' });
    expect(parseRoute('#/tasks')).toEqual({ page: 'tasks' });
    expect(parseRoute('#/tasks/figures')).toEqual({ page: 'sales-figures' });
    expect(parseRoute('#/tasks/team')).toEqual({ page: 'sales-team' });
    expect(parseRoute('#/tasks/cm123abc')).toEqual({ page: 'task', id: 'cm123abc' });
  });
});
