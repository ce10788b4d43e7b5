import { describe, expect, it } from 'vitest';
import { groupInWords } from './words.js';

describe('groupInWords', () => {
  it('says each kind of rule, nested groups in brackets, counts and durations singular or plural', () => {
    expect(
      groupInWords({
        op: 'and',
        rules: [
          { kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' },
          {
            op: 'or',
            rules: [
              { kind: 'event', event: 'Order Completed', count: { operator: 'gte', value: 1 }, within: { amount: 1, unit: 'days' }, where: [] },
              { kind: 'property', property: 'total', operator: 'gt', value: 100 },
            ],
          },
          { kind: 'attribute', attribute: 'phone', operator: 'exists' },
        ],
      }),
    ).toBe('plan is “pro” and (Order Completed at least 1 time in the last 1 day or event total > 100) and phone is set');
    expect(groupInWords({ op: 'and', rules: [] })).toBe('everyone');
    expect(groupInWords({ op: 'or', rules: [] })).toBe('no one');
    expect(groupInWords({ op: 'or', rules: [{ kind: 'event', event: 'Login', count: { operator: 'eq', value: 3 }, where: [] }] })).toBe('Login exactly 3 times');
  });
});
