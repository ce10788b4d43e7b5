/**
 * "A new kind is one file plus one registry line": a sample kind (testing/sample-kind.ts) is
 * added to the kinds list, and the schema, the palette, the graph checks, the compiler, the
 * simulator and the driver the Temporal workflow runs all pick it up with no other change.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Kinds from './kinds.js';

vi.mock('./kinds.js', async (importOriginal) => {
  const original = await importOriginal<typeof Kinds>();
  const { reachable } = await import('../testing/sample-kind.js');
  return { BUILT_IN_KINDS: [...original.BUILT_IN_KINDS, reachable] };
});

const engine = await import('../index.js');

const journey = (connectNo = true) => ({
  id: 'reach',
  name: 'Reach',
  nodes: [
    { id: 't', type: 'trigger.event', event: 'Signed Up' },
    { id: 'r', type: 'condition.reachable', channel: 'email' },
    { id: 'mail', type: 'action.email', subject: 'Hi', body: 'Welcome' },
    { id: 'out', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'r' },
    { id: 'e2', source: 'r', sourceHandle: 'yes', target: 'mail' },
    ...(connectNo ? [{ id: 'e3', source: 'r', sourceHandle: 'no', target: 'out' }] : []),
    { id: 'e4', source: 'mail', target: 'out' },
  ],
});

describe('a new node kind added by one registry line', () => {
  it('is part of the journey schema, with its own validation', () => {
    expect(engine.parseJourney(journey()).ok).toBe(true);
    const bad = journey();
    bad.nodes[1] = { id: 'r', type: 'condition.reachable', channel: 'fax' } as never;
    const res = engine.parseJourney(bad);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.problems).toContainEqual({ path: 'nodes.1.channel', message: 'choose email, sms or push' });
  });

  it('is in the palette and the list of kinds', () => {
    expect(engine.paletteItems().map((i) => i.key)).toContain('condition.reachable');
    expect(engine.definitionOf('condition.reachable').title).toBe('Can we reach them?');
  });

  it('is checked like any kind: an unconnected output is named in its own words', () => {
    const whole = engine.parseJourney(journey());
    if (!whole.ok) throw new Error('expected a valid journey');
    expect(engine.checkJourney(whole.journey).filter((p) => p.severity === 'error')).toEqual([]);
    const parsed = engine.parseJourney(journey(false));
    if (!parsed.ok) throw new Error('expected a valid journey');
    const dangling = engine.checkJourney(parsed.journey).find((p) => p.code === 'dangling-output');
    expect(dangling).toMatchObject({ nodeId: 'r', field: 'no' });
    expect(dangling?.message).toContain('customers without an address for “email”');
  });

  it('compiles, simulates and drives (the driver is what the workflow runs) through its choice', () => {
    const parsed = engine.parseJourney(journey());
    if (!parsed.ok) throw new Error('expected a valid journey');
    const compiled = engine.compile(parsed.journey);
    const at = Date.UTC(2026, 10, 28, 9);
    const event = { name: 'Signed Up', at, properties: {} };
    const withEmail = engine.simulate(compiled, { id: 'a', attributes: { email: 'a@example.test' } }, [event], { start: at });
    const without = engine.simulate(compiled, { id: 'b', attributes: {} }, [event], { start: at });
    expect(engine.pathOf(parsed.journey, withEmail.steps).nodes).toEqual(['t', 'r', 'mail', 'out']);
    expect(engine.pathOf(parsed.journey, without.steps).nodes).toEqual(['t', 'r', 'out']);
    expect(without.steps.find((s) => s.nodeId === 'r' && s.kind === 'left')).toMatchObject({ output: 'no', reason: 'no email' });

    const run = engine.startRun(compiled, 'b', { type: 'cairn.enter', at, triggerId: 't', profile: { attributes: {} }, history: [], event });
    expect(engine.pending(compiled, run.state)).toMatchObject({ kind: 'done' });
    expect(engine.currentNode(run.state)).toBe('out');
  });

  it('can generate samples of itself for generated journeys', () => {
    const sample = engine.definitionOf('condition.reachable').sample?.('x', () => 0.5);
    expect(sample).toEqual({ id: 'x', type: 'condition.reachable', channel: 'sms' });
  });
});
