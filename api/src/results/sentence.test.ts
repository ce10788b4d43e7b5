import { describe, expect, it } from 'vitest';
import { verdict } from './sentence.js';
import { difference } from './stats.js';

const arm = (label: string, converted: number, customers: number) => ({ label, converted, customers });
const say = (v: ReturnType<typeof arm>, c: ReturnType<typeof arm>) => verdict(v, c, difference(v.converted, v.customers, c.converted, c.customers));

describe('experiment sentence', () => {
  it('a difference whose interval excludes zero is likely real (Newcombe 1998: 56/70 vs 48/80, CI 5.2 to 33.4 points)', () => {
    expect(say(arm('Variant B', 56, 70), arm('Holdout', 48, 80))).toBe('Variant B converts 20.0 points better than Holdout, 95% CI 5.2 to 33.4: likely a real effect');
    expect(say(arm('Variant B', 48, 80), arm('A', 56, 70))).toBe('Variant B converts 20.0 points worse than A, 95% CI -33.4 to -5.2: likely a real effect');
  });

  it('an interval across zero asks for more customers: 10% vs 15% needs 686 per arm (Fleiss)', () => {
    // 10/100 and 15/100: 586 more in each arm.
    expect(say(arm('B', 15, 100), arm('A', 10, 100))).toMatch(/^not enough data yet: about 1,172 more customers needed \(95% CI -4\.\d to 14\.\d points\)$/);
  });

  it('no customers, or equal rates, say so', () => {
    expect(say(arm('B', 0, 0), arm('A', 1, 10))).toBe('not enough data yet: no customers in B so far');
    expect(say(arm('B', 1, 10), arm('A', 1, 10))).toMatch(/^no difference between B and A so far/);
  });
});
