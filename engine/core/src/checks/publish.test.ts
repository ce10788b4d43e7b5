import { describe, expect, it } from 'vitest';
import { edge, node, welcomeJourney } from './fixture.js';
import { validateForPublish } from './index.js';

describe('validateForPublish', () => {
  it('accepts a clean journey as JSON text and returns the parsed journey', () => {
    const res = validateForPublish(JSON.stringify(welcomeJourney()));
    expect(res).toMatchObject({ ok: true, problems: [] });
    expect(res.journey?.nodes).toHaveLength(7);
  });

  it('stays ok with only warnings', () => {
    const j = welcomeJourney();
    const nodes = j.nodes.map((n) => (n.id === 'welcome' ? { ...n, body: '{{ customer.shoeSize }}' } : n));
    const res = validateForPublish({ ...j, nodes });
    expect(res.ok).toBe(true);
    expect(res.problems.map((p) => p.severity)).toEqual(['warning']);
  });

  it('is not ok when a graph check finds an error', () => {
    const j = welcomeJourney();
    const res = validateForPublish({ ...j, edges: j.edges.slice(1) });
    expect(res.ok).toBe(false);
    expect(res.journey).toBeDefined();
    expect(res.problems.map((p) => p.code)).toContain('dangling-output');
  });

  it('surfaces the random split percentage rule from the schema, pointing at the node', () => {
    const j = welcomeJourney();
    const bad = node('condition.random', 'ab', {
      variants: [
        { id: 'a', label: 'A', percent: 50 },
        { id: 'b', label: 'B', percent: 40 },
      ],
    });
    const res = validateForPublish({ ...j, nodes: [...j.nodes, bad], edges: [...j.edges, edge('ab', 'done', 'a')] });
    expect(res.ok).toBe(false);
    expect(res.journey).toBeUndefined();
    expect(res.problems).toEqual([
      {
        code: 'schema',
        severity: 'error',
        nodeId: 'ab',
        field: 'nodes.7.variants',
        message: 'nodes.7.variants: variant percentages and the holdout must add up to 100',
      },
    ]);
  });

  it('reports every schema violation with its path', () => {
    const res = validateForPublish({ id: 'j', name: '', nodes: [{ id: 'w', type: 'wait.delay', duration: { amount: -1, unit: 'days' } }] });
    expect(res.ok).toBe(false);
    const fields = res.problems.map((p) => p.field);
    expect(fields).toContain('name');
    expect(fields).toContain('nodes.0.duration.amount');
    expect(res.problems.find((p) => p.field === 'name')!.message).toBe('name: give the journey a name');
    expect(res.problems.every((p) => p.code === 'schema')).toBe(true);
  });

  it('reports text that is not JSON', () => {
    const res = validateForPublish('{ nope');
    expect(res.ok).toBe(false);
    expect(res.problems[0]!.message).toMatch(/^not valid JSON/);
  });
});
