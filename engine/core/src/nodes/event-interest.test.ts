/**
 * The events a kind says it can react to (`entryEvents`, `awaitedEvents`) bound what ingest
 * routes to it: a kind that reacted to an event outside its list would silently miss customers.
 * Every built-in kind's fresh node is tried with events outside its list.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_KINDS } from './kinds.js';

const facts = { attributes: { plan: 'pro' }, history: [], now: 0 };
const outsiders = ['Some Other Event', '$identify', '$page', 'Order Completed ', ''];

describe('event interest declared by the kinds', () => {
  it('a trigger never matches an event outside its entryEvents; a wait or goal never reacts outside its awaitedEvents', () => {
    let checked = 0;
    for (const def of BUILT_IN_KINDS) {
      const node = def.create('n') as never;
      const d = def as unknown as {
        behaviour: string;
        entryEvents?: (n: never) => readonly string[];
        awaitedEvents?: (n: never) => readonly string[];
        matchesEvent?: (n: never, e: unknown, f: unknown) => boolean;
        awaits?: (n: never, e: unknown) => string | undefined;
      };
      const listed = d.entryEvents?.(node) ?? d.awaitedEvents?.(node);
      if (!listed) continue;
      expect(listed.length, def.type).toBeGreaterThan(0);
      for (const name of outsiders.filter((o) => !listed.includes(o))) {
        const event = { name, at: 0, properties: {} };
        if (d.matchesEvent) expect(d.matchesEvent(node, event, { ...facts, event }), `${def.type} on "${name}"`).toBe(false);
        if (d.awaits) expect(d.awaits(node, event), `${def.type} on "${name}"`).toBeUndefined();
      }
      checked++;
    }
    // event, attribute, manual, schedule, custom and segment-entered triggers; the event wait; goals.
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
