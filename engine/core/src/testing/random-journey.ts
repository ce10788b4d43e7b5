/**
 * Seeded generator of valid journeys of any size, for property-based tests and benchmarks.
 * Valid means what the graph checks demand: one trigger first, every output connected, every
 * node reachable, every wait-for-event with a timeout, and every cycle passing through a wait
 * (back edges only ever point at delay or wait-for-event nodes).
 */
import type { JourneyInput } from '../journey/journey.js';
import { nodeKinds, type AnyNodeDefinition } from '../nodes/registry.js';

type NodeInput = JourneyInput['nodes'][number];

/** Mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { SAMPLE_EVENTS as RANDOM_EVENTS } from '../nodes/sample.js';

/**
 * The kinds a generated journey's inner steps are drawn from: every kind that can generate a
 * sample of itself (its definition's `sample`), except triggers, goals and exits, which the
 * generator places itself. Custom actions are left out: they need a registered action.
 */
const KINDS: readonly AnyNodeDefinition[] = nodeKinds().filter(
  (d) => d.sample !== undefined && d.category !== 'trigger' && d.category !== 'goal' && d.behaviour !== 'exit' && d.type !== 'action.custom',
);

/** A valid journey with `size` nodes (at least 3), the same for the same seed. */
export function randomJourney(seed: number, size: number, opts: { loops?: boolean } = {}): JourneyInput {
  const rnd = prng(seed);
  const n = Math.max(3, size);
  const nodes: NodeInput[] = [{ id: 'n0', type: 'trigger.event', position: { x: 0, y: 0 }, event: 'Signed Up' }];
  const edges: JourneyInput['edges'] = [];
  const open: Array<{ source: string; handle: string }> = [{ source: 'n0', handle: 'next' }];
  const waits: string[] = [];
  let edgeNo = 0;
  const connect = (o: { source: string; handle: string }, target: string) =>
    edges.push({ id: `e${edgeNo++}`, source: o.source, sourceHandle: o.handle, target });

  // n - 2 inner nodes; the last node is the exit, the goal sits apart.
  for (let i = 1; i <= n - 3; i++) {
    const def = KINDS[Math.floor(rnd() * KINDS.length)] as AnyNodeDefinition;
    const id = `n${i}`;
    const node = { position: { x: 0, y: 0 }, ...(def.sample!(id, rnd) as object) } as NodeInput;
    nodes.push(node);
    // Take a random open output (so branches spread), connect it here.
    const at = Math.floor(rnd() * open.length);
    const [o] = open.splice(at, 1);
    if (o) connect(o, id);
    // Outputs from the kind itself (a parsed copy: defaults such as a split's `else` filled in).
    for (const o of def.outputs(def.schema.parse(node))) open.push({ source: id, handle: o.id });
    // A time window lets customers straight through while open: loops need a delay or an event wait.
    if (def.behaviour === 'wait' && def.alwaysPauses(def.schema.parse(node))) waits.push(id);
  }
  const exitId = `n${n - 2}`;
  nodes.push({ id: exitId, type: 'exit', position: { x: 0, y: 0 } });
  nodes.push({ id: `n${n - 1}`, type: 'goal', position: { x: 0, y: 0 }, event: 'Order Completed' });
  open.forEach((o, i) => {
    // Some outputs loop back to an earlier wait (a cycle with a wait in it), the rest exit;
    // the first always exits so the exit node is reachable.
    const loopTo = i > 0 && opts.loops !== false && waits.length > 0 && rnd() < 0.1 ? waits[Math.floor(rnd() * waits.length)] : undefined;
    connect(o, loopTo ?? exitId);
  });
  return {
    id: `random-${seed}-${n}`,
    name: `Random journey ${seed} (${n} nodes)`,
    settings: { attributes: ['score', 'firstName'] },
    nodes,
    edges,
  };
}
