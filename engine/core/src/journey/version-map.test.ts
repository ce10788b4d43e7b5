import { describe, expect, it } from 'vitest';
import { edge, journey, node } from '../checks/fixture.js';
import { LEAVE, movePreview, resolveNodeMap } from './version-map.js';

/** v1: start -> wait 3 days -> email -> wait for order -> exit. */
const v1 = journey(
  [
    node('trigger.manual', 'start'),
    node('wait.delay', 'wait', { label: 'Wait 3 days', duration: { amount: 3, unit: 'days' } }),
    node('action.email', 'mail'),
    node('wait.event', 'order', { label: 'Wait for order' }),
    node('exit', 'done'),
  ],
  [edge('start', 'wait'), edge('wait', 'mail'), edge('mail', 'order'), edge('order', 'done', 'event'), edge('order', 'done', 'timeout')],
);
/** v2: the order wait removed, an SMS and a one-day wait added. */
const v2 = journey(
  [
    node('trigger.manual', 'start'),
    node('wait.delay', 'wait', { label: 'Wait 3 days', duration: { amount: 3, unit: 'days' } }),
    node('action.email', 'mail'),
    node('action.sms', 'sms', { label: 'Text them' }),
    node('wait.delay', 'pause', { label: 'Wait 1 day' }),
    node('exit', 'done'),
  ],
  [edge('start', 'wait'), edge('wait', 'mail'), edge('mail', 'sms'), edge('sms', 'pause'), edge('pause', 'done')],
);

describe('resolveNodeMap', () => {
  it('maps each wait to the step with the same id, and names the waits whose step is gone (left on the old version)', () => {
    const r = resolveNodeMap(v1, v2);
    expect(r.map).toEqual({ wait: 'wait', order: LEAVE });
    expect(r.unmapped).toEqual([{ nodeId: 'order', title: 'Wait for order', kind: expect.any(String) }]);
    expect(r.problems).toEqual([]);
  });

  it('takes the chosen destination (a wait or an action) or "leave" over the default', () => {
    expect(resolveNodeMap(v1, v2, { order: 'pause', wait: LEAVE }).map).toEqual({ wait: LEAVE, order: 'pause' });
    expect(resolveNodeMap(v1, v2, { order: 'sms' })).toMatchObject({ map: { order: 'sms' }, unmapped: [], problems: [] });
  });

  it('refuses destinations that do not exist or cannot hold a customer, and steps nobody can wait at', () => {
    const r = resolveNodeMap(v1, v2, { order: 'nowhere', wait: 'start', mail: 'sms' });
    expect(r.problems.map((p) => [p.nodeId, p.message])).toEqual([
      ['mail', expect.stringMatching(/not a wait of the live version/)],
      ['wait', expect.stringMatching(/only move to a wait or an action/)],
      ['order', expect.stringMatching(/"nowhere", which the new version does not have/)],
    ]);
  });

  it('does not map a wait to a same-id step that became a condition', () => {
    const v3 = journey(
      [node('trigger.manual', 'start'), node('condition.split', 'wait'), node('exit', 'done')],
      [edge('start', 'wait'), edge('wait', 'done', 'else')],
    );
    expect(resolveNodeMap(v1, v3).map.wait).toBe(LEAVE);
  });
});

describe('movePreview', () => {
  it('says how many wait at each old step and where they go, most first', () => {
    const { map } = resolveNodeMap(v1, v2);
    const lines = movePreview(v1, v2, map, { wait: 12, order: 3, mail: 2, gone: 0 });
    expect(lines.map((l) => [l.from.title, l.count, l.to?.title, l.between])).toEqual([
      ['Wait 3 days', 12, 'Wait 3 days', undefined],
      ['Wait for order', 3, undefined, undefined],
      // Sending an email right now: they move at the wait they reach next.
      ['Send email', 2, undefined, true],
    ]);
  });
});
