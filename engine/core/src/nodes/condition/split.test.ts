import { describe, expect, it } from 'vitest';
import type { Facts } from '../../rules/facts.js';
import type { ConditionDefinition } from '../define.js';
import { SplitNode, ruleSplit as splitDef } from './split.js';

const ruleSplit = splitDef as ConditionDefinition<'condition.split', typeof SplitNode>;

const facts = (attributes: Record<string, unknown>): Facts => ({ attributes, history: [], now: 0 });

const node = SplitNode.parse({
  id: 's',
  type: 'condition.split',
  branches: [
    { id: 'vip', label: 'VIP', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'lifetimeValue', operator: 'gte', value: 1000 }] } },
    { id: 'vn', label: 'In Vietnam', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'country', operator: 'eq', value: 'VN' }] } },
  ],
});

describe('condition.split', () => {
  it('has one output per branch, then else', () => {
    expect(ruleSplit.outputs(node).map((o) => o.id)).toEqual(['vip', 'vn', 'else']);
    expect(ruleSplit.rules!(node)).toHaveLength(2);
  });
  it('takes the first matching branch and says why', () => {
    const both = ruleSplit.choose(node, facts({ lifetimeValue: 1200, country: 'VN' }), 'c1');
    expect(both).toEqual({ output: 'vip', reason: 'VIP: lifetimeValue is 1200, wanted at least 1000' });
    const second = ruleSplit.choose(node, facts({ lifetimeValue: 10, country: 'vn' }), 'c1');
    expect(second.output).toBe('vn');
    expect(second.reason).toBe('In Vietnam: country is "vn", wanted equal to "VN"');
  });
  it('falls to else, explaining every miss', () => {
    const res = ruleSplit.choose(node, facts({ country: 'US' }), 'c1');
    expect(res.output).toBe('else');
    expect(res.reason).toBe(
      'no branch matched (VIP: lifetimeValue is not set, wanted at least 1000; In Vietnam: country is "US", wanted equal to "VN")',
    );
  });
  it('rejects a branch named else', () => {
    const bad = SplitNode.safeParse({ ...node, branches: [{ ...node.branches[0]!, id: 'else' }] });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['branches', 0, 'id'], message: 'the name "else" is reserved' });
  });
});
