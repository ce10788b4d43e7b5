import { describe, expect, it } from 'vitest';
import { definitionOf, type JourneyNode } from '@cairn/core';
import { buildNodes } from './flow.js';
import { safeOutputs } from './handles.js';

const assign = { ...(definitionOf('action.assignRep').create('rep') as JourneyNode), waitForOutcome: true } as JourneyNode;

describe('retired outputs on the canvas', () => {
  it('are not offered: the rep step shows won, lost, no answer and timeout, not call back', () => {
    expect(safeOutputs(assign).map((o) => o.id)).toEqual(['won', 'lost', 'no_answer', 'timeout']);
  });

  it('stay drawn while an old edge uses them, so that edge keeps its handle', () => {
    const edges = [{ source: 'rep', sourceHandle: 'call_back', target: 'x' }];
    expect(safeOutputs(assign, edges).map((o) => o.id)).toContain('call_back');
    const journey = { id: 'j', name: 'j', settings: {}, nodes: [assign], edges: [{ id: 'e', ...edges[0]! }] } as never;
    const [node] = buildNodes([], journey, { selected: new Set(), problems: new Map(), visited: new Set(), readOnly: false });
    expect(node!.data.retiredInUse).toBe('call_back');
  });
});
