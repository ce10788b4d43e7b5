import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Edge } from '../journey/journey.js';
import type { JourneyNode, NodeType } from '../nodes/registry.js';
import { definitionOf, nodeKinds } from '../nodes/registry.js';
import { edge, journey, node } from './fixture.js';
import { buildGraph } from './graph.js';
import { CHECKS, PROBLEM_CODES, checkJourney } from './index.js';

const TYPES = nodeKinds().map((d) => d.type);
const MIDDLE = TYPES.filter((t) => !t.startsWith('trigger.') && t !== 'goal' && t !== 'exit');
const TEMPLATES = ['Hi', '{{ customer.firstName }}', '{{ order.id }}', '{% if x %}', '{{ customer.shoe }}', '', '{{ event.properties.a.b }}'];

/** Random schema-valid journeys: random kinds, labels, contents and edges (often wrong on purpose). */
const arbJourney = fc
  .record({
    kinds: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 25 }),
    labels: fc.array(fc.option(fc.constantFrom('Send welcome', 'Wait', '', '  ', 'A “quoted” step'), { nil: undefined }), { maxLength: 25 }),
    bodies: fc.array(fc.constantFrom(...TEMPLATES), { maxLength: 25 }),
    edges: fc.array(fc.record({ from: fc.nat(30), to: fc.nat(30), handle: fc.nat(4), id: fc.nat(40) }), { maxLength: 50 }),
    noTimeout: fc.boolean(),
  })
  .map(({ kinds, labels, bodies, edges, noTimeout }) => {
    const nodes: JourneyNode[] = kinds.map((type, i) => {
      const patch: Record<string, unknown> = {};
      if (labels[i] !== undefined) patch.label = labels[i];
      if (bodies[i] !== undefined && 'body' in definitionOf(type).create('x')) patch.body = bodies[i];
      if (type === 'wait.event' && noTimeout) patch.timeout = undefined;
      return node(type, `n${i}`, patch);
    });
    const es: Edge[] = edges.map((e) => {
      const source = nodes[e.from % (nodes.length + 1)]?.id ?? 'missing';
      const src = nodes.find((n) => n.id === source);
      const outs = src ? definitionOf(src.type).outputs(src as never).map((o) => o.id) : [];
      const handle = outs[e.handle] ?? 'bogus';
      const target = nodes[e.to % (nodes.length + 1)]?.id ?? 'missing';
      return edge(source, target, handle, `e${e.id}`);
    });
    return journey(nodes, es);
  });

describe('checks on random journeys', () => {
  it('never throw and point only at nodes and edges that exist', () => {
    fc.assert(
      fc.property(arbJourney, (j) => {
        // Each check on its own: checkJourney would swallow a throw.
        const graph = buildGraph(j);
        const problems = CHECKS.flatMap((c) => c.run(graph, {}));
        const nodeIds = new Set(j.nodes.map((n) => n.id));
        const edgeIds = new Set(j.edges.map((e) => e.id));
        for (const p of problems) {
          expect(['error', 'warning']).toContain(p.severity);
          expect(Object.hasOwn(PROBLEM_CODES, p.code)).toBe(true);
          expect(p.severity).toBe(PROBLEM_CODES[p.code as keyof typeof PROBLEM_CODES].severity);
          expect(p.message.length).toBeGreaterThan(10);
          expect(p.message).not.toMatch(/undefined|\[object/);
          if (p.nodeId !== undefined) expect(nodeIds).toContain(p.nodeId);
          if (p.edgeId !== undefined) expect(edgeIds).toContain(p.edgeId);
        }
        // Deterministic: the same journey gives the same problems.
        expect(checkJourney(j)).toEqual(problems);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('find no error in a chain where every output is connected', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES.filter((t) => t.startsWith('trigger.'))), fc.array(fc.constantFrom(...MIDDLE), { maxLength: 30 }), (trigger, kinds) => {
        // Kinds that use a saved segment start with none chosen (an error until the marketer picks one).
        const ready = (type: NodeType, id: string) => node(type, id, (definitionOf(type).create(id) as { segmentId?: string }).segmentId === '' ? { segmentId: 'seg_1' } : {});
        const nodes: JourneyNode[] = [ready(trigger as NodeType, 't'), node('goal', 'g')];
        const edges: Edge[] = [];
        let prev = 't';
        let prevOut = 'next';
        kinds.forEach((type, i) => {
          const n = ready(type, `n${i}`);
          nodes.push(n);
          edges.push(edge(prev, n.id, prevOut));
          const outs = definitionOf(type).outputs(n as never);
          outs.slice(1).forEach((o) => {
            nodes.push(node('exit', `x${i}-${o.id}`));
            edges.push(edge(n.id, `x${i}-${o.id}`, o.id));
          });
          prev = n.id;
          prevOut = outs[0]!.id;
        });
        nodes.push(node('exit', 'end'));
        edges.push(edge(prev, 'end', prevOut));
        const errors = checkJourney(journey(nodes, edges)).filter((p) => p.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

/** Half-edited drafts: a valid journey with random parts replaced by random values. */
const arbDraft = fc
  .tuple(
    fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 8 }),
    fc.array(fc.tuple(fc.nat(10), fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 })), { maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(10), fc.constantFrom('source', 'target', 'sourceHandle', 'id'), fc.anything({ maxDepth: 1 })), { maxLength: 4 }),
    fc.option(fc.anything({ maxDepth: 2 })),
  )
  .map(([kinds, nodeEdits, edgeEdits, settings]) => {
    const nodes: Record<string, unknown>[] = kinds.map((t, i) => ({ ...(node(t, `n${i}`) as Record<string, unknown>) }));
    const edges: Record<string, unknown>[] = kinds.slice(1).map((_, i) => ({ ...edge(`n${i}`, `n${i + 1}`) }));
    for (const [i, key, value] of nodeEdits) {
      const n = nodes[i % nodes.length]!;
      // Replace a field the node has (or add a stray one).
      const keys = Object.keys(n);
      n[key.length % 2 === 0 && keys.length ? keys[key.length % keys.length]! : key] = value;
    }
    for (const [i, key, value] of edgeEdits) if (edges.length) edges[i % edges.length]![key] = value;
    return { id: 'draft', name: 'Draft', nodes, edges, ...(settings === null ? {} : { settings }) };
  });

describe('checks on half-edited drafts', () => {
  it('never throw, and point only at nodes that exist', () => {
    fc.assert(
      fc.property(arbDraft, (draft) => {
        const problems = checkJourney(draft as never);
        const ids = new Set(draft.nodes.map((n) => n.id));
        for (const p of problems) if (p.nodeId !== undefined) expect(ids).toContain(p.nodeId);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
