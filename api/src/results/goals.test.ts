import { describe, expect, it } from 'vitest';
import { goalsOf } from './goals.js';

const journey = {
  id: 'g',
  name: 'Goals',
  settings: { goal: { event: 'Upgraded', filter: { op: 'and', rules: [{ kind: 'property', property: 'plan', operator: 'eq', value: 'pro' }] }, windowDays: 3 } },
  nodes: [
    { id: 't', type: 'trigger.event', event: 'Signed Up' },
    { id: 'big-order', type: 'goal', event: 'Order Completed', filter: { op: 'and', rules: [{ kind: 'property', property: 'total', operator: 'gte', value: 100 }] } },
  ],
  edges: [],
};
const facts = { attributes: {}, history: [], now: 0 };
const event = (name: string, properties: Record<string, unknown>) => ({ name, at: 1, properties });

describe('goalsOf', () => {
  const g = goalsOf('v-goals-test', journey);

  it('names every goal event and the window', () => {
    expect(g.names.sort()).toEqual(['Order Completed', 'Upgraded']);
    expect(g.journeyEvent).toBe('Upgraded');
    expect(g.windowMs).toBe(3 * 86_400_000);
  });

  it("applies each goal's own filter", () => {
    expect(g.match(event('Order Completed', { total: 150 }), facts, false)).toEqual({ goalNodeId: 'big-order', goalEvent: 'Order Completed' });
    expect(g.match(event('Order Completed', { total: 20 }), facts, false)).toBeUndefined();
    expect(g.match(event('Upgraded', { plan: 'pro' }), facts, false)).toEqual({ goalEvent: 'Upgraded' });
    expect(g.match(event('Upgraded', { plan: 'basic' }), facts, false)).toBeUndefined();
  });

  it('a running customer converts only by the journey goal event (goal nodes end their run themselves)', () => {
    expect(g.match(event('Order Completed', { total: 150 }), facts, true)).toBeUndefined();
    expect(g.match(event('Upgraded', { plan: 'pro' }), facts, true)).toEqual({ goalEvent: 'Upgraded' });
  });

  it('without settings.goal: no journey event, a 7-day window', () => {
    const plain = goalsOf('v-goals-plain', { ...journey, settings: {} });
    expect(plain.journeyEvent).toBeUndefined();
    expect(plain.windowMs).toBe(7 * 86_400_000);
  });
});
