import { describe, expect, it } from 'vitest';
import { journeyDiff } from './diff.js';

const base = {
  id: 'j',
  name: 'Welcome',
  settings: { entry: { mode: 'once' } },
  nodes: [
    { id: 'a', type: 'trigger.manual' },
    { id: 'b', type: 'exit' },
  ],
  edges: [{ id: 'e1', source: 'a', target: 'b' }],
};

describe('journeyDiff', () => {
  it('ignores key order and names what was added, removed or changed', () => {
    const reordered = JSON.parse(JSON.stringify({ edges: base.edges, nodes: base.nodes, settings: base.settings, name: base.name, id: base.id })) as Record<string, unknown>;
    expect(journeyDiff(base, reordered)).toEqual([]);
    const edited = {
      ...base,
      name: 'Hello',
      nodes: [{ type: 'trigger.manual', id: 'a', position: { x: 1, y: 0 } }, { id: 'c', type: 'exit' }],
      edges: [],
    };
    expect(journeyDiff(base, edited)).toEqual(['~ step a', '+ step c', '- step b', '- connection e1', '~ name']);
  });
});
