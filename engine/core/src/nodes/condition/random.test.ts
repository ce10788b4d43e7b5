import { describe, expect, it } from 'vitest';
import type { Facts } from '../../rules/facts.js';
import { RandomSplitNode, randomSplit, stableBucket } from './random.js';

const facts: Facts = { attributes: {}, history: [], now: 0 };
const make = (variants: Array<[string, number]>, holdoutPercent = 0) =>
  RandomSplitNode.parse({
    id: 'ab',
    type: 'condition.random',
    variants: variants.map(([id, percent]) => ({ id, label: `${id.toUpperCase()} ${percent}%`, percent })),
    holdoutPercent,
  });

/** Share of 10,000 customers landing in each output, in percentage points. */
function distribution(node: ReturnType<typeof make>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < 10_000; i++) {
    const { output } = randomSplit.choose(node, facts, `customer-${i}`);
    counts[output] = (counts[output] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / 100]));
}

describe('stableBucket', () => {
  it('is deterministic and in [0, 10000)', () => {
    expect(stableBucket('abc')).toBe(stableBucket('abc'));
    for (let i = 0; i < 1000; i++) {
      const b = stableBucket(`k${i}`);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(10_000);
      expect(Number.isInteger(b)).toBe(true);
    }
  });
});

describe('condition.random', () => {
  it('is sticky: the same customer always lands in the same branch of the same node', () => {
    const node = make([['a', 50], ['b', 50]]);
    for (let i = 0; i < 200; i++) {
      const first = randomSplit.choose(node, facts, `c${i}`);
      expect(randomSplit.choose(node, facts, `c${i}`)).toEqual(first);
    }
  });
  it('splits independently per node: another node id reshuffles customers', () => {
    const a = make([['a', 50], ['b', 50]]);
    const other = { ...a, id: 'ab2' };
    let same = 0;
    for (let i = 0; i < 2000; i++) if (randomSplit.choose(a, facts, `c${i}`).output === randomSplit.choose(other, facts, `c${i}`).output) same++;
    expect(same / 2000).toBeGreaterThan(0.4);
    expect(same / 2000).toBeLessThan(0.6);
  });
  it.each([
    [[['a', 50], ['b', 50]] as Array<[string, number]>, 0],
    [[['a', 10], ['b', 30], ['c', 60]] as Array<[string, number]>, 0],
    [[['a', 45], ['b', 45]] as Array<[string, number]>, 10],
    [[['a', 80]] as Array<[string, number]>, 20],
  ])('distributes 10,000 customers like %j with holdout %i (±2 points)', (variants, holdout) => {
    const got = distribution(make(variants, holdout));
    for (const [id, percent] of variants) expect(Math.abs((got[id] ?? 0) - percent)).toBeLessThanOrEqual(2);
    expect(Math.abs((got.holdout ?? 0) - holdout)).toBeLessThanOrEqual(2);
  });
  it('names the holdout as an optional output only when there is one', () => {
    expect(randomSplit.outputs(make([['a', 50], ['b', 50]])).map((o) => o.id)).toEqual(['a', 'b']);
    expect(randomSplit.outputs(make([['a', 90]], 10))).toEqual([
      { id: 'a', label: 'A 90%' },
      { id: 'holdout', label: 'holdout 10%', optional: true },
    ]);
  });
  it('explains the choice with the bucket', () => {
    const res = randomSplit.choose(make([['a', 100]]), facts, 'c1');
    expect(res.output).toBe('a');
    expect(res.reason).toMatch(/^bucket \d+(\.\d+)?% fell in A 100%$/);
    expect(randomSplit.choose(make([['a', 0]], 100), facts, 'c1').reason).toMatch(/fell in the holdout$/);
  });
  it('rejects percentages that do not add up, and the reserved name', () => {
    expect(RandomSplitNode.safeParse({ id: 'x', type: 'condition.random', variants: [{ id: 'a', label: 'A', percent: 40 }] }).error?.issues[0]).toMatchObject({
      path: ['variants'],
      message: 'variant percentages and the holdout must add up to 100',
    });
    const reserved = RandomSplitNode.safeParse({ id: 'x', type: 'condition.random', variants: [{ id: 'holdout', label: 'H', percent: 100 }] });
    expect(reserved.error?.issues[0]?.path).toEqual(['variants', 0, 'id']);
  });
  it('accepts fractional percentages that add up', () => {
    expect(() => make([['a', 33.3], ['b', 33.3], ['c', 33.4]])).not.toThrow();
  });
});
