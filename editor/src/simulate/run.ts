/**
 * Runs the test customer through the journey in the browser (the engine's `simulate`: the
 * compiled machine, waits skipped in time) and works out the path to light up on the canvas.
 */
import type { CustomerEvent, Journey, SimulationResult } from '@cairn/core';
import type { TestCustomer, TimelineEvent } from './initial.js';
import { parseAttributes, parseObject } from './initial.js';
import { durationMs, pathOf, simulate } from '@cairn/core';

export type { TestCustomer, TimelineEvent } from './initial.js';

export interface SimulationView {
  result: SimulationResult;
  visitedNodes: Set<string>;
  visitedEdges: Set<string>;
  start: number;
}

/** Throws an Error with a sentence for the panel when the input is not usable. */
export function runTestCustomer(journey: Journey, customer: TestCustomer, timeline: TimelineEvent[], start: number): SimulationView {
  const attributes = parseAttributes(customer.attributes);
  const events: CustomerEvent[] = timeline
    .filter((e) => e.name.trim())
    .map((e, i) => ({
      name: e.name.trim(),
      at: start + durationMs(e.after),
      properties: parseObject(e.properties, `event ${i + 1} (${e.name}) properties`),
    }))
    .sort((a, b) => a.at - b.at);
  const result = simulate(
    journey,
    {
      id: customer.id || 'test-customer',
      attributes,
      ...(customer.timeZone.trim() ? { timeZone: customer.timeZone.trim() } : {}),
      suppressed: customer.suppressed,
      ...(customer.policy ? { policy: customer.policy } : {}),
    },
    events,
    { start },
  );
  // The engine's own reading of a trace: the nodes visited and the edges each output took.
  const path = pathOf(journey, result.steps);
  return { result, visitedNodes: new Set(path.nodes), visitedEdges: new Set(path.edges), start };
}

/** "+2d 3h 5m" after the start. */
export function offsetText(ms: number): string {
  if (ms <= 0) return '+0';
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return `+${[d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean).join(' ') || '0'}`;
}
