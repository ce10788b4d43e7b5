import { describe, expect, it } from 'vitest';
import { edge, journey, node, welcomeJourney } from './fixture.js';
import { checkJourney } from './index.js';
import type { Problem } from './problem.js';

const codes = (ps: Problem[]) => ps.map((p) => p.code);
const only = (ps: Problem[], code: string) => ps.filter((p) => p.code === code);

describe('a clean journey', () => {
  it('has no problems', () => {
    expect(checkJourney(welcomeJourney())).toEqual([]);
  });
});

describe('no-trigger', () => {
  it('is an error when the journey has no trigger, and unreachable is not piled on', () => {
    const j = journey([node('action.email', 'e'), node('exit', 'x')], [edge('e', 'x')]);
    const ps = checkJourney(j);
    expect(codes(ps)).toEqual(['no-trigger']);
    expect(ps[0]!.severity).toBe('error');
    expect(ps[0]!.message).toMatch(/no trigger/);
  });
  it('accepts any trigger kind', () => {
    for (const t of ['trigger.segment', 'trigger.attribute', 'trigger.manual', 'trigger.schedule'] as const) {
      const j = journey([node(t, 't'), node('exit', 'x')], [edge('t', 'x')]);
      expect(codes(checkJourney(j))).toEqual([]);
    }
  });
});

describe('unreachable', () => {
  it('reports a step no trigger leads to, by its label', () => {
    const base = welcomeJourney();
    const j = { ...base, nodes: [...base.nodes, node('action.push', 'lost', { label: 'Lonely push' })] };
    const ps = only(checkJourney(j), 'unreachable');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ nodeId: 'lost', severity: 'error' });
    expect(ps[0]!.message).toContain('“Lonely push” cannot be reached');
  });
  it('exempts goals and a second trigger', () => {
    const j = journey(
      [node('trigger.event', 't1'), node('trigger.manual', 't2'), node('exit', 'x'), node('goal', 'g')],
      [edge('t1', 'x', 'next', 'a'), edge('t2', 'x', 'next', 'b')],
    );
    expect(checkJourney(j)).toEqual([]);
  });
  it('follows paths through every kind of output', () => {
    const j = journey(
      [
        node('trigger.event', 't'),
        node('condition.random', 'r'),
        node('action.webhook', 'w'),
        node('exit', 'x1'),
        node('exit', 'x2'),
        node('exit', 'x3'),
      ],
      [edge('t', 'r'), edge('r', 'w', 'a'), edge('r', 'x1', 'b'), edge('w', 'x2', 'success'), edge('w', 'x3', 'failure')],
    );
    expect(checkJourney(j)).toEqual([]);
  });
});

describe('duplicate ids', () => {
  it('reports a second node with the same id', () => {
    const base = welcomeJourney();
    const j = { ...base, nodes: [...base.nodes, node('exit', 'done', { label: 'Twin' })] };
    const ps = only(checkJourney(j), 'duplicate-node-id');
    expect(ps).toHaveLength(1);
    expect(ps[0]!.message).toContain('“Twin” has the same id "done"');
  });
  it('reports a second edge with the same id', () => {
    const base = welcomeJourney();
    const j = { ...base, edges: base.edges.map((e, i) => (i === 1 ? { ...e, id: base.edges[0]!.id } : e)) };
    const ps = only(checkJourney(j), 'duplicate-edge-id');
    expect(ps).toHaveLength(1);
    expect(ps[0]!.edgeId).toBe(base.edges[0]!.id);
  });
});

describe('edges', () => {
  it('reports edges from and to missing steps', () => {
    const base = welcomeJourney();
    const j = { ...base, edges: [...base.edges, edge('ghost', 'done', 'next', 'e1'), edge('gave-up', 'nowhere', 'next', 'e2')] };
    const ps = checkJourney(j);
    expect(only(ps, 'edge-unknown-source')).toMatchObject([{ edgeId: 'e1' }]);
    expect(only(ps, 'edge-unknown-target')).toMatchObject([{ edgeId: 'e2' }]);
  });
  it('reports an edge from an output the step does not have', () => {
    const base = welcomeJourney();
    const j = { ...base, edges: [...base.edges, edge('welcome', 'done', 'maybe', 'e1')] };
    const ps = only(checkJourney(j), 'edge-unknown-output');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ edgeId: 'e1', nodeId: 'welcome' });
    expect(ps[0]!.message).toContain('“maybe”');
    expect(ps[0]!.message).toContain('“next”');
  });
  it('reports an edge leaving an exit', () => {
    const base = welcomeJourney();
    const j = { ...base, edges: [...base.edges, edge('done', 'nudge', 'next', 'e1')] };
    const ps = only(checkJourney(j), 'edge-unknown-output');
    expect(ps[0]!.message).toMatch(/has no outputs/);
  });
  it('reports edges into a trigger and into a goal', () => {
    const base = welcomeJourney();
    const j = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'done' ? node('action.tag', 'done') : n)),
      edges: [...base.edges, edge('done', 'start', 'next', 'back'), edge('gave-up', 'goal', 'next', 'toGoal')],
    };
    const ps = checkJourney(j);
    expect(only(ps, 'edge-into-trigger')).toMatchObject([{ edgeId: 'back', nodeId: 'start' }]);
    // The exit has no outputs, so the edge into the goal is also from an unknown output.
    expect(only(ps, 'edge-into-goal')).toMatchObject([{ edgeId: 'toGoal', nodeId: 'goal' }]);
  });
  it('reports a second edge leaving the same output', () => {
    const base = welcomeJourney();
    const j = { ...base, edges: [...base.edges, edge('welcome', 'nudge', 'next', 'dup')] };
    const ps = only(checkJourney(j), 'multiple-edges-from-output');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ edgeId: 'dup', nodeId: 'welcome' });
    expect(ps[0]!.message).toContain('2 connections');
  });
});
