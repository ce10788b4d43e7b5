import { describe, expect, it } from 'vitest';
import type { CustomerEvent, Facts } from './facts.js';
import { attributesReferenced, compare, evaluateGroup, evaluateRule, eventsReferenced, readPath } from './evaluate.js';
import type { Operator, Rule, RuleGroup } from './schema.js';
import { RuleGroup as RuleGroupSchema } from './schema.js';

const NOW = Date.UTC(2026, 0, 10);
const DAY = 86_400_000;
const ev = (name: string, daysAgo: number, properties: Record<string, unknown> = {}): CustomerEvent => ({ name, at: NOW - daysAgo * DAY, properties });
const facts = (attributes: Record<string, unknown> = {}, history: CustomerEvent[] = [], event?: CustomerEvent): Facts => ({
  attributes,
  history,
  now: NOW,
  ...(event ? { event } : {}),
});
const attr = (attribute: string, operator: Operator, value?: unknown): Rule =>
  ({ kind: 'attribute', attribute, operator, value }) as Rule;

describe('readPath', () => {
  it('reads dotted paths and stops at missing or non-objects', () => {
    const src = { address: { city: 'Hanoi', geo: { lat: 21 } }, list: [{ a: 1 }], n: 5 };
    expect(readPath(src, 'address.city')).toBe('Hanoi');
    expect(readPath(src, 'address.geo.lat')).toBe(21);
    expect(readPath(src, 'list.0.a')).toBe(1);
    expect(readPath(src, 'address.zip')).toBeUndefined();
    expect(readPath(src, 'n.x')).toBeUndefined();
    expect(readPath(undefined, 'a')).toBeUndefined();
  });
});

describe('compare', () => {
  it.each([
    // [actual, operator, expected, result]
    ['gold', 'eq', 'Gold', true],
    ['10', 'eq', 10, true],
    [true, 'eq', true, true],
    [undefined, 'eq', 'x', false],
    [null, 'eq', null, true],
    ['gold', 'neq', 'silver', true],
    [undefined, 'neq', 'x', true],
    [1200, 'gt', 1000, true],
    [1000, 'gt', 1000, false],
    [1000, 'gte', 1000, true],
    ['999', 'lt', 1000, true],
    [1000, 'lte', 999, false],
    [undefined, 'gt', 0, false],
    [undefined, 'lt', 10, false],
    ['abc', 'gt', 5, false],
    ['2025-12-01', 'lt', '2026-01-01', true],
    ['2026-02-01T10:00:00Z', 'gte', '2026-01-01', true],
    ['banana', 'gt', 'apple', true],
    ['Hello World', 'contains', 'world', true],
    [['vip', 'new'], 'contains', 'VIP', true],
    [['new'], 'contains', 'vip', false],
    ['abc', 'contains', '', false],
    [undefined, 'contains', 'x', false],
    [['new'], 'notContains', 'vip', true],
    [undefined, 'notContains', 'x', true],
    ['Hello', 'startsWith', 'he', true],
    ['Hello', 'startsWith', 'lo', false],
    [5, 'startsWith', '5', false],
    ['VN', 'in', ['vn', 'th'], true],
    [3, 'in', [1, 2], false],
    ['VN', 'in', 'VN', true],
    ['US', 'notIn', ['VN', 'TH'], true],
    [undefined, 'notIn', ['VN'], true],
    ['x', 'exists', undefined, true],
    [0, 'exists', undefined, true],
    [false, 'exists', undefined, true],
    ['', 'exists', undefined, false],
    [null, 'exists', undefined, false],
    [undefined, 'notExists', undefined, true],
    ['', 'notExists', undefined, true],
    ['x', 'notExists', undefined, false],
  ] as const)('%j %s %j is %s', (actual, op, expected, result) => {
    expect(compare(actual, op, expected as never)).toBe(result);
  });
});

describe('evaluateRule', () => {
  it('explains attribute rules, with dotted paths and missing values', () => {
    expect(evaluateRule(attr('lifetimeValue', 'gte', 1000), facts({ lifetimeValue: 1200 }))).toEqual({
      matched: true,
      reason: 'lifetimeValue is 1200, wanted at least 1000',
    });
    expect(evaluateRule(attr('address.city', 'eq', 'Hanoi'), facts({ address: { city: 'Hue' } }))).toEqual({
      matched: false,
      reason: 'address.city is "Hue", wanted equal to "Hanoi"',
    });
    expect(evaluateRule(attr('plan', 'exists'), facts())).toEqual({ matched: false, reason: 'plan is not set, wanted set' });
    expect(evaluateRule(attr('country', 'in', ['VN', 'TH']), facts({ country: 'US' })).reason).toBe('country is "US", wanted one of "VN", "TH"');
  });
  it('reads property rules from the current event', () => {
    const rule: Rule = { kind: 'property', property: 'cart.total', operator: 'gt', value: 100 };
    expect(evaluateRule(rule, facts({}, [], ev('Checkout', 0, { cart: { total: 150 } })))).toEqual({
      matched: true,
      reason: 'event property cart.total is 150, wanted more than 100',
    });
    expect(evaluateRule(rule, facts()).matched).toBe(false);
  });

  describe('event history', () => {
    const history = [ev('Order Completed', 1, { total: 80 }), ev('Order Completed', 5, { total: 200 }), ev('Order Completed', 40, { total: 300 }), ev('Viewed', 0)];
    const orders = (count: { operator: 'gte' | 'lte' | 'eq'; value: number }, extra: Partial<Extract<Rule, { kind: 'event' }>> = {}): Rule => ({
      kind: 'event',
      event: 'Order Completed',
      count,
      where: [],
      ...extra,
    });
    it('counts all occurrences without a window', () => {
      expect(evaluateRule(orders({ operator: 'eq', value: 3 }), facts({}, history))).toEqual({
        matched: true,
        reason: 'Order Completed happened 3 times, wanted equal to 3',
      });
    });
    it('counts only within the window', () => {
      const res = evaluateRule(orders({ operator: 'gte', value: 2 }, { within: { amount: 7, unit: 'days' } }), facts({}, history));
      expect(res).toEqual({ matched: true, reason: 'Order Completed happened 2 times in the last 7 days, wanted at least 2' });
      expect(evaluateRule(orders({ operator: 'gte', value: 1 }, { within: { amount: 12, unit: 'hours' } }), facts({}, history)).matched).toBe(false);
    });
    it('filters with where', () => {
      const where = [{ kind: 'property' as const, property: 'total', operator: 'gte' as const, value: 100 }];
      expect(evaluateRule(orders({ operator: 'eq', value: 2 }, { where }), facts({}, history)).matched).toBe(true);
      expect(evaluateRule(orders({ operator: 'eq', value: 1 }, { where, within: { amount: 30, unit: 'days' } }), facts({}, history)).matched).toBe(true);
    });
    it('supports "never" (lte 0) and ignores events after now', () => {
      const future = [{ name: 'Order Completed', at: NOW + DAY, properties: {} }];
      expect(evaluateRule(orders({ operator: 'lte', value: 0 }), facts({}, future))).toEqual({
        matched: true,
        reason: 'Order Completed happened 0 times, wanted at most 0',
      });
    });
  });
});

describe('evaluateGroup', () => {
  const vip = attr('tier', 'eq', 'gold');
  const rich = attr('lifetimeValue', 'gte', 1000);
  const vn = attr('country', 'eq', 'VN');
  it('AND needs every rule, and explains with the one that failed', () => {
    const g: RuleGroup = { op: 'and', rules: [vip, rich] };
    expect(evaluateGroup(g, facts({ tier: 'gold', lifetimeValue: 10 }))).toEqual({ matched: false, reason: 'lifetimeValue is 10, wanted at least 1000' });
    expect(evaluateGroup(g, facts({ tier: 'gold', lifetimeValue: 2000 }))).toEqual({
      matched: true,
      reason: 'tier is "gold", wanted equal to "gold" and lifetimeValue is 2000, wanted at least 1000',
    });
  });
  it('OR needs one rule, and explains with the one that matched', () => {
    const g: RuleGroup = { op: 'or', rules: [vip, rich] };
    expect(evaluateGroup(g, facts({ lifetimeValue: 5000 }))).toEqual({ matched: true, reason: 'lifetimeValue is 5000, wanted at least 1000' });
    expect(evaluateGroup(g, facts({})).reason).toBe('tier is not set, wanted equal to "gold"; lifetimeValue is not set, wanted at least 1000');
  });
  it('nests: VN AND (gold OR rich)', () => {
    const g: RuleGroup = { op: 'and', rules: [vn, { op: 'or', rules: [vip, rich] }] };
    expect(evaluateGroup(g, facts({ country: 'VN', lifetimeValue: 1500 })).matched).toBe(true);
    expect(evaluateGroup(g, facts({ country: 'VN' })).matched).toBe(false);
    expect(evaluateGroup(g, facts({ country: 'TH', tier: 'gold' })).matched).toBe(false);
  });
  it('an empty AND matches, an empty OR does not', () => {
    expect(evaluateGroup({ op: 'and', rules: [] }, facts())).toEqual({ matched: true, reason: 'no conditions' });
    expect(evaluateGroup({ op: 'or', rules: [] }, facts())).toEqual({ matched: false, reason: 'no alternatives' });
  });
  it('lists the events and attributes a group refers to, nested', () => {
    const g = RuleGroupSchema.parse({
      op: 'or',
      rules: [vip, { op: 'and', rules: [rich, { kind: 'event', event: 'Viewed', count: { operator: 'gte', value: 1 } }] }, { kind: 'property', property: 'x', operator: 'exists' }],
    });
    expect([...eventsReferenced(g)]).toEqual(['Viewed']);
    expect([...attributesReferenced(g)].sort()).toEqual(['lifetimeValue', 'tier']);
  });
});
