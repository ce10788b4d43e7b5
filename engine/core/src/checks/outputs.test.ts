import { describe, expect, it } from 'vitest';
import { edge, journey, node, welcomeJourney } from './fixture.js';
import { checkJourney } from './index.js';

const withoutEdge = (from: string, handle: string) => {
  const base = welcomeJourney();
  return { ...base, edges: base.edges.filter((e) => !(e.source === from && e.sourceHandle === handle)) };
};

describe('dangling outputs', () => {
  it('explains who would be stuck on a wait-for-event timeout', () => {
    const ps = checkJourney(withoutEdge('wait', 'timeout')).filter((p) => p.code === 'dangling-output');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ nodeId: 'wait', field: 'timeout', severity: 'error' });
    expect(ps[0]!.message).toBe(
      '“Wait for order” has no connection from its “timeout” branch: customers who don\'t do “Order Completed” within 3 days would be stuck. Connect it to the next step, or to an Exit.',
    );
  });
  it('uses the kind title when there is no label', () => {
    const ps = checkJourney(withoutEdge('nudge', 'next')).filter((p) => p.code === 'dangling-output');
    expect(ps[0]!.message).toMatch(/^“Send SMS” has no connection from its “next” output/);
  });
  it('lets a random split holdout stay open, but not its variants', () => {
    const r = node('condition.random', 'r', {
      variants: [
        { id: 'a', label: 'A', percent: 45 },
        { id: 'b', label: 'B', percent: 45 },
      ],
      holdoutPercent: 10,
    });
    const ok = journey([node('trigger.event', 't'), r, node('exit', 'x1'), node('exit', 'x2')], [edge('t', 'r'), edge('r', 'x1', 'a'), edge('r', 'x2', 'b')]);
    expect(checkJourney(ok)).toEqual([]);
    const missingB = { ...ok, edges: ok.edges.slice(0, 2) };
    const ps = checkJourney(missingB);
    expect(ps.map((p) => p.code)).toEqual(['dangling-output', 'unreachable']);
    expect(ps[0]!.message).toContain('customers who land in “B”');
  });
  it('reports both webhook outputs', () => {
    const j = journey([node('trigger.event', 't'), node('action.webhook', 'w')], [edge('t', 'w')]);
    expect(checkJourney(j).map((p) => p.field)).toEqual(['success', 'failure']);
  });
  it('reports duplicate branch names', () => {
    const split = node('condition.split', 's');
    const branches = [...(split as { branches: unknown[] }).branches, ...(split as { branches: unknown[] }).branches];
    const j = journey(
      [node('trigger.event', 't'), { ...split, branches } as typeof split, node('exit', 'x'), node('exit', 'y')],
      [edge('t', 's'), edge('s', 'x', 'yes'), edge('s', 'y', 'else')],
    );
    expect(checkJourney(j).map((p) => p.code)).toEqual(['duplicate-output']);
  });
});

describe('condition without else', () => {
  const split = () =>
    journey(
      [node('trigger.event', 't'), node('condition.split', 's', { label: 'Big spender?' }), node('exit', 'x'), node('exit', 'y')],
      [edge('t', 's'), edge('s', 'x', 'yes'), edge('s', 'y', 'else')],
    );
  it('is quiet when else is connected', () => {
    expect(checkJourney(split())).toEqual([]);
  });
  it('has its own code and message', () => {
    const j = split();
    const ps = checkJourney({ ...j, edges: j.edges.filter((e) => e.sourceHandle !== 'else') });
    expect(ps.map((p) => p.code)).toEqual(['condition-without-else', 'unreachable']);
    expect(ps[0]).toMatchObject({ nodeId: 's', field: 'else', severity: 'error' });
    expect(ps[0]!.message).toContain('“Big spender?” has no connection from its “else” branch: customers who match none of the branches');
  });
  it('a missing branch other than else stays a dangling output', () => {
    const j = split();
    const ps = checkJourney({ ...j, edges: j.edges.filter((e) => e.sourceHandle !== 'yes') });
    expect(ps[0]).toMatchObject({ code: 'dangling-output', field: 'yes' });
    expect(ps[0]!.message).toContain('customers who match “yes”');
  });
});

describe('wait without timeout', () => {
  it('is an error naming the event', () => {
    const j = welcomeJourney();
    const nodes = j.nodes.map((n) => (n.type === 'wait.event' ? { ...n, timeout: undefined } : n));
    const ps = checkJourney({ ...j, nodes });
    const p = ps.find((x) => x.code === 'wait-without-timeout');
    expect(p).toMatchObject({ nodeId: 'wait', field: 'timeout', severity: 'error' });
    expect(p!.message).toContain('who never do “Order Completed” would wait forever');
  });
  it('is quiet with a timeout', () => {
    expect(checkJourney(welcomeJourney()).some((p) => p.code === 'wait-without-timeout')).toBe(false);
  });
});
