/** Small helpers for writing journeys in tests. */
import { Journey, type JourneyInput } from '../journey/journey.js';
import type { CustomerEvent } from '../rules/facts.js';

export const T0 = Date.UTC(2026, 0, 5, 8, 0); // a Monday, 08:00 UTC
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

type NodeInput = JourneyInput['nodes'][number];

/** Builds a journey from nodes and `a->b` / `a:handle->b` edge strings. */
export function journey(nodes: NodeInput[], edges: string[], extra: Partial<JourneyInput> = {}): Journey {
  return Journey.parse({
    id: 'j',
    name: 'Test journey',
    ...extra,
    nodes,
    edges: edges.map((s, i) => {
      const [from = '', to = ''] = s.split('->');
      const [source = '', sourceHandle = 'next'] = from.split(':');
      return { id: `e${i}`, source, sourceHandle, target: to };
    }),
  });
}

export function ev(name: string, at: number, properties: Record<string, unknown> = {}): CustomerEvent {
  return { name, at, properties };
}
