import { describe, expect, it } from 'vitest';
import type { Edge } from '../journey/journey.js';
import type { JourneyNode } from '../nodes/registry.js';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';

/**
 * A 10,000-step journey: a long chain of email → split → wait blocks, each split's else going to
 * the next block, with distinct templates so the template cache does not hide the parsing cost.
 */
function bigJourney(blocks: number) {
  const nodes: JourneyNode[] = [node('trigger.event', 't'), node('goal', 'g')];
  const edges: Edge[] = [];
  let prev = 't';
  for (let i = 0; i < blocks; i++) {
    nodes.push(
      node('action.email', `m${i}`, { subject: `Day ${i}: {{ customer.firstName }}`, body: `Hi {{ customer.name }}, {{ event.properties.p${i} }}` }),
      node('condition.split', `s${i}`),
      node('wait.delay', `w${i}`),
    );
    edges.push(edge(prev, `m${i}`), edge(`m${i}`, `s${i}`), edge(`s${i}`, `w${i}`, 'yes'));
    // A loop back through the delay (allowed): w_i → m_i would duplicate the output, so loop to s_i's block via else.
    prev = `w${i}`;
    edges.push(edge(`s${i}`, i + 1 < blocks ? `m${i + 1}` : 'x', 'else'));
  }
  nodes.push(node('exit', 'x'));
  edges.push(edge(prev, 'x'));
  return journey(nodes, edges);
}

describe('scale', () => {
  it('checks a 10,000-step journey in well under a second', () => {
    const j = bigJourney(3333);
    expect(j.nodes.length).toBeGreaterThanOrEqual(10_000);
    checkJourney(j); // warm up the JIT and Liquid
    // Best of three: the machine running the tests is shared, and a busy neighbour is not our cost.
    let ms = Infinity;
    let problems: ReturnType<typeof checkJourney> = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      problems = checkJourney(j);
      ms = Math.min(ms, performance.now() - started);
    }
    console.log(`checkJourney: ${j.nodes.length} nodes, ${j.edges.length} edges in ${ms.toFixed(0)} ms (best of 3)`);
    // The chain's waits lead only forward except the last one; the graph is clean.
    expect(problems).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  it('finds a single wait-free loop in a 10,000-step journey quickly', () => {
    const j = bigJourney(3333);
    // Close a loop with no wait: the last split's else back to the first email.
    const edges = j.edges.map((e) => (e.source === 's3332' && e.sourceHandle === 'else' ? { ...e, target: 'm0' } : e));
    const started = performance.now();
    const problems = checkJourney({ ...j, edges });
    const ms = performance.now() - started;
    // The loop m0 → s0 → m1 → … → s3332 → m0 goes through every email and split and no wait.
    expect(problems.map((p) => p.code)).toEqual(['cycle-without-wait']);
    expect(problems[0]!.message).toContain('(6666 steps)');
    expect(ms).toBeLessThan(1000);
  });
});
