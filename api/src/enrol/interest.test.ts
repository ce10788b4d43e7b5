import { parseJourney, type Journey } from '@cairn/core';
import { describe, expect, it } from 'vitest';
import { entryInterest, runInterest, wants } from './interest.js';

function journey(nodes: unknown[], settings: Record<string, unknown> = {}): Journey {
  const r = parseJourney({ id: 'j', name: 'J', settings, nodes, edges: [] });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.journey;
}

const at = { position: { x: 0, y: 0 } };

describe('runInterest', () => {
  const j = journey(
    [
      { id: 't', type: 'trigger.event', event: 'Cart Created', ...at },
      { id: 'w', type: 'wait.event', event: 'Order Completed', timeout: { amount: 1, unit: 'days' }, ...at },
      { id: 'g', type: 'goal', event: 'Subscribed', ...at },
      { id: 'd', type: 'wait.delay', duration: { amount: 1, unit: 'days' }, ...at },
      {
        id: 's', type: 'condition.split', ...at,
        branches: [{ id: 'b', label: 'B', rules: { op: 'and', rules: [{ kind: 'event', event: 'Logged In', count: { operator: 'gte', value: 2 } }] } }],
      },
    ],
    { exitEvents: ['Unsubscribed'] },
  );

  it('names what a wait awaits, the goals, the exit events and the events rules look back at', () => {
    const i = runInterest(j);
    expect(i.all).toBe(false);
    for (const name of ['Order Completed', 'Subscribed', 'Unsubscribed', 'Logged In']) expect(wants(i, name)).toBe(true);
    // The trigger's own event and anything else cannot move a run of this journey.
    for (const name of ['Cart Created', 'Page Viewed', '$identify']) expect(wants(i, name)).toBe(false);
  });

  it('a journey without waits for events, goals or rules wants nothing', () => {
    const i = runInterest(journey([{ id: 't', type: 'trigger.manual', ...at }, { id: 'd', type: 'wait.delay', duration: { amount: 1, unit: 'days' }, ...at }]));
    expect(i).toEqual({ all: false, names: new Set() });
  });
});

describe('entryInterest', () => {
  it('names the events its triggers match', () => {
    const i = entryInterest(journey([
      { id: 'a', type: 'trigger.event', event: 'Signed Up', ...at },
      { id: 'b', type: 'trigger.attribute', attribute: 'plan', ...at },
    ]));
    expect(wants(i, 'Signed Up')).toBe(true);
    expect(wants(i, '$attribute_changed')).toBe(true);
    expect(wants(i, 'Page Viewed')).toBe(false);
  });

  it('a segment trigger may fire on any call: every event is checked', () => {
    const i = entryInterest(journey([
      { id: 's', type: 'trigger.segment', conditions: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' }] }, ...at },
    ]));
    expect(i.all).toBe(true);
    expect(wants(i, 'Page Viewed')).toBe(true);
  });
});
