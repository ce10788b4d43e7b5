import { describe, expect, it } from 'vitest';
import { alwaysPauses } from './cycles.js';
import { edge, journey, node } from './fixture.js';
import { checkJourney } from './index.js';
import { cycleThrough, cyclicComponents } from './scc.js';

describe('cyclicComponents', () => {
  it('finds loops and self-loops, not acyclic parts', () => {
    // 0 → 1 → 2 → 0, 3 → 3, 4 → 5 (no loop)
    const succ = [[1], [2], [0], [3], [5], []];
    const comps = cyclicComponents(6, succ).map((c) => [...c].sort());
    expect(comps).toHaveLength(2);
    expect(comps).toContainEqual([0, 1, 2]);
    expect(comps).toContainEqual([3]);
  });
  it('handles a 100,000-long chain closing into a loop without overflowing the stack', () => {
    const n = 100_000;
    const succ = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
    const comps = cyclicComponents(n, succ);
    expect(comps).toHaveLength(1);
    expect(comps[0]).toHaveLength(n);
  });
  it('cycleThrough returns a shortest loop through the start', () => {
    // 0 → 1 → 2 → 0 and 0 → 3 → 4 → 5 → 0
    const succ = [[3, 1], [2], [0], [4], [5], [0]];
    expect(cycleThrough(0, new Set([0, 1, 2, 3, 4, 5]), succ)).toEqual([0, 1, 2]);
  });
});

describe('cycle without wait', () => {
  const loop = (middle: ReturnType<typeof node>) =>
    journey(
      [node('trigger.event', 't'), node('action.email', 'mail', { label: 'Daily deal' }), middle, node('exit', 'x')],
      [edge('t', 'mail'), edge('mail', middle.id), edge(middle.id, 'mail', middle.type === 'wait.event' ? 'timeout' : 'yes'), edge(middle.id, 'x', middle.type === 'wait.event' ? 'event' : 'else')],
    );

  it('reports a loop of a send and a split, naming the steps in order', () => {
    const ps = checkJourney(loop(node('condition.split', 's', { label: 'Still active?' })));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'cycle-without-wait', severity: 'error' });
    expect(ps[0]!.message).toMatch(/loop with no wait in it: (“Daily deal” → “Still active\?” → “Daily deal”|“Still active\?” → “Daily deal” → “Still active\?”)/);
  });
  it('accepts the same loop through a wait for an event with a timeout', () => {
    expect(checkJourney(loop(node('wait.event', 'w')))).toEqual([]);
  });
  it('reports a step connected to itself', () => {
    const j = journey(
      [node('trigger.event', 't'), node('action.webhook', 'w'), node('exit', 'x')],
      [edge('t', 'w'), edge('w', 'w', 'failure'), edge('w', 'x', 'success')],
    );
    const ps = checkJourney(j);
    expect(ps.map((p) => p.code)).toEqual(['cycle-without-wait']);
    expect(ps[0]!.message).toContain('“Call webhook” → “Call webhook”');
  });
  it('finds a wait-free loop even when the loop shares steps with a loop that waits', () => {
    // a → b → a (no wait) and b → delay → a (waits): the first is still a storm.
    const j = journey(
      [node('trigger.event', 't'), node('action.tag', 'a'), node('condition.split', 'b'), node('wait.delay', 'd')],
      [edge('t', 'a'), edge('a', 'b'), edge('b', 'a', 'yes'), edge('b', 'd', 'else'), edge('d', 'a')],
    );
    const ps = checkJourney(j).filter((p) => p.code === 'cycle-without-wait');
    expect(ps).toHaveLength(1);
    expect(ps[0]!.message).toContain('“Add tag” → “Split on conditions” → “Add tag”');
    expect(ps[0]!.message).not.toContain('“Wait”');
  });
  it('accepts a loop through a real delay', () => {
    const j = journey(
      [node('trigger.event', 't'), node('action.tag', 'a'), node('wait.delay', 'd')],
      [edge('t', 'a'), edge('a', 'd'), edge('d', 'a')],
    );
    expect(checkJourney(j)).toEqual([]);
  });
  it('does not count time windows or zero waits as pauses, and says why', () => {
    for (const w of [node('wait.window', 'w', { label: 'Office hours' }), node('wait.delay', 'w', { label: 'Office hours', duration: { amount: 0, unit: 'days' } })]) {
      const j = journey([node('trigger.event', 't'), node('action.sms', 'a'), w], [edge('t', 'a'), edge('a', 'w'), edge('w', 'a')]);
      const ps = checkJourney(j);
      expect(ps.map((p) => p.code)).toEqual(['cycle-without-wait']);
      expect(ps[0]!.message).toContain('“Office hours” does not always pause');
    }
  });
  it('alwaysPauses', () => {
    expect(alwaysPauses(node('wait.delay', 'a'))).toBe(true);
    expect(alwaysPauses(node('wait.event', 'a'))).toBe(true);
    expect(alwaysPauses(node('wait.event', 'a', { timeout: undefined }))).toBe(true);
    expect(alwaysPauses(node('wait.event', 'a', { timeout: { amount: 0, unit: 'hours' } }))).toBe(false);
    expect(alwaysPauses(node('wait.window', 'a'))).toBe(false);
    expect(alwaysPauses(node('action.email', 'a'))).toBe(false);
  });
  it('reports each separate loop once', () => {
    const j = journey(
      [node('trigger.event', 't'), node('action.tag', 'a'), node('action.tag', 'b'), node('condition.split', 's'), node('action.tag', 'c')],
      [edge('t', 's'), edge('s', 'a', 'yes'), edge('s', 'c', 'else'), edge('a', 'b'), edge('b', 'a'), edge('c', 'c')],
    );
    expect(checkJourney(j).filter((p) => p.code === 'cycle-without-wait')).toHaveLength(2);
  });
});
