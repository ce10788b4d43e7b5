import { describe, expect, it } from 'vitest';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';

const build = (goal: Record<string, unknown>, wait: Record<string, unknown> = {}) =>
  journey(
    [
      node('trigger.event', 'start'),
      node('wait.event', 'wait', { label: 'Wait for order', event: 'Order Completed', ...wait }),
      node('exit', 'bought'),
      node('exit', 'gave-up'),
      node('goal', 'goal', { event: 'Order Completed', ...goal }),
    ],
    [edge('start', 'wait'), edge('wait', 'bought', 'event'), edge('wait', 'gave-up', 'timeout')],
  );

describe('goal shadowing a wait for the same event', () => {
  it('warns on the wait when an unconditional goal ends the journey on that event', () => {
    const problems = checkJourney(build({})).filter((p) => p.code === 'goal-shadows-wait');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', nodeId: 'wait', field: 'event', message: expect.stringContaining('never taken') }),
    ]);
  });

  it('is quiet for another event, a goal with a condition, or a wait with its own filter', () => {
    const codes = (j: ReturnType<typeof build>) => checkJourney(j).map((p) => p.code);
    expect(codes(build({ event: 'Subscribed' }))).not.toContain('goal-shadows-wait');
    expect(codes(build({ filter: { op: 'and', rules: [{ kind: 'property', property: 'total', operator: 'gt', value: 100 }] } }))).not.toContain('goal-shadows-wait');
    expect(codes(build({}, { where: [{ kind: 'property', property: 'coupon', operator: 'exists' }] }))).not.toContain('goal-shadows-wait');
  });
});
