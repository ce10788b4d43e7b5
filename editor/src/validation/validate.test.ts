import { describe, expect, it } from 'vitest';
import type { Journey } from '@cairn/core';
import { parseJourney } from '@cairn/core';
import { validate } from './validate.js';

const base = (): Journey => {
  const r = parseJourney({
    id: 'j',
    name: 'J',
    nodes: [
      { id: 't', type: 'trigger.event', event: 'Signed Up' },
      { id: 'm', type: 'action.sms', body: 'Hi {{ customer.firstName }}' },
      { id: 'x', type: 'exit' },
    ],
    edges: [
      { id: 'e', source: 't', target: 'm' },
      { id: 'e2', source: 'm', target: 'x' },
    ],
  });
  if (!r.ok) throw new Error('fixture');
  return r.journey;
};

describe('live validation', () => {
  it('a sound journey has no errors', () => {
    expect(validate(base()).errors).toBe(0);
  });

  it('marks schema problems on the node they are about', () => {
    const j = base();
    const broken = { ...j, nodes: j.nodes.map((n) => (n.id === 't' ? { ...n, event: '' } : n)) } as Journey;
    const v = validate(broken);
    expect(v.errors).toBeGreaterThan(0);
    expect(v.byNode.get('t')?.errors).toBeGreaterThan(0);
    expect(v.problems.find((p) => p.nodeId === 't')?.message).toContain('name the event');
  });

  it('reports graph problems, e.g. an unconnected trigger output', () => {
    const j = { ...base(), edges: [] };
    const v = validate(j);
    expect(v.byNode.get('t')?.errors ?? 0).toBeGreaterThan(0);
  });
});
