import { describe, expect, it } from 'vitest';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';

const withSplit = (rules: unknown) =>
  journey(
    [node('trigger.event', 't'), node('condition.split', 's', { label: 'Big spender?', branches: [{ id: 'yes', label: 'yes', rules }] }), node('exit', 'x'), node('exit', 'y')],
    [edge('t', 's'), edge('s', 'x', 'yes'), edge('s', 'y', 'else')],
  );

describe('rule without value', () => {
  it('accepts filled-in conditions, and set / not set without a value', () => {
    const rules = {
      op: 'and',
      rules: [
        { kind: 'attribute', attribute: 'lifetimeValue', operator: 'gte', value: 0 },
        { kind: 'attribute', attribute: 'email', operator: 'exists' },
        { kind: 'attribute', attribute: 'phone', operator: 'eq', value: null },
      ],
    };
    expect(checkJourney(withSplit(rules))).toEqual([]);
  });
  it('reports nested attribute, property and history conditions without a value', () => {
    const rules = {
      op: 'or',
      rules: [
        { kind: 'attribute', attribute: 'lifetimeValue', operator: 'gte' },
        { op: 'and', rules: [{ kind: 'property', property: 'total', operator: 'gt' }] },
        { kind: 'event', event: 'Viewed', count: { operator: 'gte', value: 1 }, where: [{ kind: 'property', property: 'sku', operator: 'in' }] },
      ],
    };
    const ps = checkJourney(withSplit(rules));
    expect(ps.map((p) => [p.code, p.severity, p.nodeId])).toEqual([
      ['rule-without-value', 'error', 's'],
      ['rule-without-value', 'error', 's'],
      ['rule-without-value', 'error', 's'],
    ]);
    expect(ps[0]!.message).toBe('“Big spender?” has a condition on “lifetimeValue” with no value to compare with, so it would not work as intended. Fill in the value.');
    expect(ps[1]!.message).toContain('“event property total”');
    expect(ps[2]!.message).toContain('“event property sku”');
  });
  it('checks wait-for-event conditions and attribute trigger targets', () => {
    const j = journey(
      [
        node('trigger.attribute', 't', { to: { operator: 'eq' } }),
        node('wait.event', 'w', { where: [{ kind: 'property', property: 'total', operator: 'gte' }] }),
        node('exit', 'x'),
        node('exit', 'y'),
      ],
      [edge('t', 'w'), edge('w', 'x', 'event'), edge('w', 'y', 'timeout')],
    );
    expect(checkJourney(j).map((p) => [p.code, p.nodeId])).toEqual([
      ['rule-without-value', 't'],
      ['rule-without-value', 'w'],
    ]);
  });
  it('checks goal filters and segment conditions', () => {
    const j = journey(
      [
        node('trigger.segment', 't', { conditions: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'neq' }] } }),
        node('exit', 'x'),
        node('goal', 'g', { filter: { op: 'and', rules: [{ kind: 'property', property: 'total', operator: 'lt' }] } }),
      ],
      [edge('t', 'x')],
    );
    expect(checkJourney(j).map((p) => p.nodeId)).toEqual(['t', 'g']);
  });
});
