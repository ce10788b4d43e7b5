/**
 * Seeded generator of valid journeys of any size, for property-based tests and benchmarks.
 * Valid means what the graph checks demand: one trigger first, every output connected, every
 * node reachable, every wait-for-event with a timeout, and every cycle passing through a wait
 * (back edges only ever point at delay or wait-for-event nodes).
 */
import type { JourneyInput } from '../journey/journey.js';

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

export const RANDOM_EVENTS = ['Viewed Product', 'Added To Cart', 'Order Completed', 'Opened Email'] as const;

const KINDS = [
  'wait.delay',
  'wait.window',
  'wait.event',
  'condition.split',
  'condition.random',
  'action.email',
  'action.sms',
  'action.push',
  'action.chat',
  'action.webhook',
  'action.updateAttribute',
  'action.tag',
  'action.assignRep',
] as const;

function makeNode(kind: (typeof KINDS)[number], id: string, rnd: () => number): NodeInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const position = { x: 0, y: 0 };
  switch (kind) {
    case 'wait.delay':
      return { id, type: kind, position, duration: { amount: 1 + Math.floor(rnd() * 5), unit: pick(['minutes', 'hours', 'days'] as const) } };
    case 'wait.window':
      return { id, type: kind, position, days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    case 'wait.event':
      return { id, type: kind, position, event: pick(RANDOM_EVENTS), timeout: { amount: 1 + Math.floor(rnd() * 3), unit: 'days' } };
    case 'condition.split':
      return {
        id,
        type: kind,
        position,
        branches: [
          { id: 'high', label: 'high value', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'score', operator: 'gte', value: 50 }] } },
          {
            id: 'active',
            label: 'active',
            rules: { op: 'or', rules: [{ kind: 'event', event: pick(RANDOM_EVENTS), count: { operator: 'gte', value: 1 }, within: { amount: 7, unit: 'days' } }] },
          },
        ],
      };
    case 'condition.random':
      return { id, type: kind, position, variants: [{ id: 'a', label: 'A', percent: 45 }, { id: 'b', label: 'B', percent: 45 }], holdoutPercent: 10 };
    case 'action.email':
      return { id, type: kind, position, subject: 'Hi {{ customer.firstName }}', body: 'Score {{ customer.score }}' };
    case 'action.sms':
      return { id, type: kind, position, body: 'Hi {{ customer.firstName }}' };
    case 'action.push':
      return { id, type: kind, position, title: 'News', body: 'For you' };
    case 'action.chat':
      return { id, type: kind, position, app: 'zalo', body: 'Xin chào {{ customer.firstName }}' };
    case 'action.webhook':
      return { id, type: kind, position, url: 'https://example.com/hook' };
    case 'action.updateAttribute':
      return { id, type: kind, position, attribute: 'score', value: '{{ customer.score | plus: 10 }}', valueType: 'number' };
    case 'action.tag':
      return { id, type: kind, position, tag: 'seen' };
    case 'action.assignRep':
      return { id, type: kind, position, taskTitle: 'Call {{ customer.firstName }}' };
  }
}

const OUTPUTS: Record<string, string[]> = {
  'wait.event': ['event', 'timeout'],
  'condition.split': ['high', 'active', 'else'],
  'condition.random': ['a', 'b', 'holdout'],
  'action.webhook': ['success', 'failure'],
};

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
    const kind = KINDS[Math.floor(rnd() * KINDS.length)] as (typeof KINDS)[number];
    const id = `n${i}`;
    nodes.push(makeNode(kind, id, rnd));
    // Take a random open output (so branches spread), connect it here.
    const at = Math.floor(rnd() * open.length);
    const [o] = open.splice(at, 1);
    if (o) connect(o, id);
    for (const h of OUTPUTS[kind] ?? ['next']) open.push({ source: id, handle: h });
    // A time window lets customers straight through while open: loops need a delay or an event wait.
    if (kind === 'wait.delay' || kind === 'wait.event') waits.push(id);
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
