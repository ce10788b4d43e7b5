import { describe, expect, it } from 'vitest';
import type { Edge } from '../journey/journey.js';
import type { JourneyNode } from '../nodes/registry.js';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';

/** Message markup as marketers write it: filters, conditions, loops; a pool shared across messages. */
const MARKUP = [
  '{{ customer.firstName | default: "friend" }}',
  '{% if customer.tags contains "vip" %}VIP{% endif %}',
  '{% for item in event.properties.items %}{{ item.name | upcase }}{% endfor %}',
  '{{ event.properties.total | times: 1.1 | round: 2 }}',
  '<a href="{{ unsubscribe_url }}">Unsubscribe</a>',
];

/**
 * A 10,000-step journey: a chain of email → split → delay blocks, each split's else going to the
 * next block. Every message has its own text; `distinctMarkup` also gives each its own markup.
 */
function bigJourney(blocks: number, distinctMarkup = false) {
  const nodes: JourneyNode[] = [node('trigger.event', 't'), node('goal', 'g')];
  const edges: Edge[] = [];
  let prev = 't';
  for (let i = 0; i < blocks; i++) {
    const shared = `${MARKUP[i % MARKUP.length]} and ${MARKUP[(i * 7) % MARKUP.length]}`;
    const own = distinctMarkup ? `{% if event.properties.p${i} %}{{ event.properties.p${i} | upcase }}{% endif %}` : '';
    nodes.push(
      node('action.email', `m${i}`, { subject: `Day ${i}: ${MARKUP[0]}`, body: `Message ${i}. ${shared} ${own}` }),
      node('condition.split', `s${i}`),
      node('wait.delay', `w${i}`),
    );
    edges.push(edge(prev, `m${i}`), edge(`m${i}`, `s${i}`), edge(`s${i}`, `w${i}`, 'yes'));
    edges.push(edge(`s${i}`, i + 1 < blocks ? `m${i + 1}` : 'x', 'else'));
    prev = `w${i}`;
  }
  nodes.push(node('exit', 'x'));
  edges.push(edge(prev, 'x'));
  return journey(nodes, edges);
}

/** Best of three: the machine running the tests is shared, and a busy neighbour is not our cost. */
function timed(run: () => void): number {
  run(); // warm up the JIT and Liquid
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('scale', () => {
  it('checks a 10,000-step journey in well under a second', () => {
    const j = bigJourney(3333);
    expect(j.nodes.length).toBeGreaterThanOrEqual(10_000);
    expect(checkJourney(j)).toEqual([]);
    const ms = timed(() => checkJourney(j));
    console.log(`checkJourney: ${j.nodes.length} nodes, ${j.edges.length} edges in ${ms.toFixed(0)} ms (best of 3)`);
    expect(ms).toBeLessThan(1000);
  }, 30_000);

  it('finds a single wait-free loop in a 10,000-step journey', () => {
    const j = bigJourney(3333);
    // Close a loop with no wait: the last split's else back to the first email.
    const edges = j.edges.map((e) => (e.source === 's3332' && e.sourceHandle === 'else' ? { ...e, target: 'm0' } : e));
    const looped = { ...j, edges };
    const problems = checkJourney(looped);
    // The loop m0 → s0 → m1 → … → s3332 → m0 goes through every email and split and no wait.
    expect(problems.map((p) => p.code)).toEqual(['cycle-without-wait']);
    expect(problems[0]!.message).toContain('(6666 steps)');
    expect(timed(() => checkJourney(looped))).toBeLessThan(1000);
  }, 30_000);

  it('stays linear when every message has markup of its own (no cache hits)', () => {
    const j = bigJourney(3333, true);
    const ms = timed(() => checkJourney(j));
    console.log(`checkJourney, distinct markup: ${j.nodes.length} nodes in ${ms.toFixed(0)} ms (best of 3)`);
    // Each template is parsed once: about 0.1 ms each on an idle core; quadratic work would take minutes.
    expect(ms).toBeLessThan(5000);
  }, 60_000);
});
