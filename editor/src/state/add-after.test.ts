import { describe, expect, it } from 'vitest';
import type { Journey } from '@cairn/core';
import { parseJourney } from '@cairn/core';
import { addAfter } from './add-after.js';

const j = (): Journey => {
  const r = parseJourney({
    id: 'j',
    name: 'J',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 } },
      { id: 'mail', type: 'action.email', subject: 'Hi', body: 'Hello', position: { x: 0, y: 140 } },
      { id: 'done', type: 'exit', position: { x: 0, y: 280 } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'mail' }],
  });
  if (!r.ok) throw new Error('fixture');
  return r.journey;
};

describe('addAfter', () => {
  it('connects the new step from the main output, below the selection', () => {
    const { journey, node } = addAfter(j(), 'mail', 'wait.delay');
    expect(journey.edges).toContainEqual(expect.objectContaining({ source: 'mail', sourceHandle: 'next', target: node.id }));
    expect(node.position.y).toBeGreaterThan(140);
  });

  it('goes in the middle of the connection when the main output is taken, on a spot no step covers', () => {
    const { journey, node } = addAfter(j(), 'start', 'action.sms');
    const out = journey.edges.filter((e) => e.source === 'start' || e.source === node.id).map((e) => `${e.source}->${e.target}`);
    expect(out.sort()).toEqual([`${node.id}->mail`, `start->${node.id}`].sort());
    // y 140 is taken by "mail" at x 0: the new step moves right.
    expect(node.position).toEqual({ x: 260, y: 140 });
  });

  it('reads an edge stored without its handle as the main output', () => {
    const raw = { ...j(), edges: [{ id: 'e1', source: 'start', target: 'mail' } as Journey['edges'][number]] };
    const { journey, node } = addAfter(raw, 'start', 'action.sms');
    expect(journey.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual([`${node.id}->mail`, `start->${node.id}`].sort());
  });

  it('connects from the output asked for (the "+" under a free output), placed under it', () => {
    const base = j();
    const withWait = { ...base, nodes: [...base.nodes, { id: 'w', type: 'wait.event', event: 'Order Completed', timeout: { amount: 1, unit: 'days' }, position: { x: 600, y: 0 } } as Journey['nodes'][number]] };
    const { journey, node } = addAfter(withWait, 'w', 'exit', 'timeout');
    expect(journey.edges).toContainEqual(expect.objectContaining({ source: 'w', sourceHandle: 'timeout', target: node.id }));
    expect(node.position.x).toBe(600 + 260);
  });

  it('only places a step after an exit, and a trigger after anything', () => {
    expect(addAfter(j(), 'done', 'action.sms').journey.edges).toHaveLength(1);
    expect(addAfter(j(), 'mail', 'trigger.manual').journey.edges).toHaveLength(1);
  });
});
