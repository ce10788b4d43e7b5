/** A new, empty journey as the "New journey" button makes it. */
import type { Journey } from '@cairn/core';
import { parseJourney } from '@cairn/core';

export function blankJourney(id: string, name = 'Untitled journey'): Journey {
  const res = parseJourney({ id, name, nodes: [], edges: [] });
  if (!res.ok) throw new Error(res.problems.map((p) => p.message).join('; '));
  return res.journey;
}

/** A journey id from a name: lower-case words joined by "-", plus a short random suffix. */
export function journeyIdFrom(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'journey';
  return `${slug}-${Math.random().toString(36).slice(2, 7)}`;
}
