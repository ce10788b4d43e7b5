/**
 * The throughput baseline: the same walk through a journey graph in plain JavaScript (no XState,
 * no Liquid, no trace), deciding splits with the same rule evaluator and sticky buckets and
 * skipping waits in time. What Cairn's simulator adds on top of this is its own cost.
 */
import { definitionOf, type CustomerEvent, type Journey } from '@cairn/core';

export function baselineWalk(journey: Journey, customer: { id: string; attributes: Record<string, unknown> }, events: CustomerEvent[], start: number): number {
  const next = new Map<string, string>();
  for (const e of journey.edges) next.set(`${e.source}:${e.sourceHandle}`, e.target);
  const byId = new Map(journey.nodes.map((n) => [n.id, n]));
  let node = journey.nodes[0];
  let now = start;
  let steps = 0;
  let evIdx = 1;
  while (node && steps < 10_000) {
    steps++;
    const def = definitionOf(node.type);
    let output = 'next';
    if (def.behaviour === 'condition') output = def.choose(node, { attributes: customer.attributes, history: events, now }, customer.id).output;
    else if (def.behaviour === 'wait') {
      const deadline = def.deadline(node, now, 'UTC');
      const e = events[evIdx];
      const hit = e && def.awaits?.(node, e);
      if (e && hit && (deadline === undefined || e.at < deadline)) {
        output = hit;
        now = e.at;
        evIdx++;
      } else {
        output = def.timeoutOutput;
        now = deadline ?? now;
      }
      if (now > start + 400 * 86_400_000) break;
    } else if (def.behaviour === 'effect') output = def.outputs(node)[0]?.id ?? 'next';
    else if (def.behaviour === 'exit') break;
    const target = next.get(`${node.id}:${output}`);
    node = target ? byId.get(target) : undefined;
  }
  return steps;
}
