import { describe, expect, it } from 'vitest';
import type { CustomerEvent, Facts } from '../../rules/facts.js';
import type { GoalDefinition } from '../define.js';
import type { GoalNode} from './goal.js';
import { goalNode as goalDef } from './goal.js';

const goalNode = goalDef as GoalDefinition<'goal', typeof GoalNode>;

const ev = (name: string, properties: Record<string, unknown> = {}): CustomerEvent => ({ name, at: 0, properties });
const facts = (attributes: Record<string, unknown> = {}): Facts => ({ attributes, history: [], now: 0 });

describe('goal', () => {
  const node = goalNode.create('g'); // Order Completed, no filter
  it('is reached by its conversion event, with no outputs', () => {
    expect(goalNode.outputs(node)).toEqual([]);
    expect(goalNode.matchesEvent(node, ev('Order Completed'), facts())).toBe(true);
    expect(goalNode.matchesEvent(node, ev('Order Cancelled'), facts())).toBe(false);
  });
  it('applies its filter to the event and the customer', () => {
    const filtered = {
      ...node,
      filter: {
        op: 'or' as const,
        rules: [
          { kind: 'property' as const, property: 'total', operator: 'gte' as const, value: 50 },
          { kind: 'attribute' as const, attribute: 'tags', operator: 'contains' as const, value: 'vip' },
        ],
      },
    };
    expect(goalNode.matchesEvent(filtered, ev('Order Completed', { total: 60 }), facts())).toBe(true);
    expect(goalNode.matchesEvent(filtered, ev('Order Completed', { total: 10 }), facts({ tags: ['vip'] }))).toBe(true);
    expect(goalNode.matchesEvent(filtered, ev('Order Completed', { total: 10 }), facts({ tags: ['new'] }))).toBe(false);
    expect(goalNode.rules!(filtered)).toEqual([filtered.filter]);
  });
});
