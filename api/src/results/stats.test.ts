/**
 * Reference values, computed independently of this code:
 * - Wilson intervals: Newcombe RG (1998), "Two-sided confidence intervals for the single
 *   proportion: comparison of seven methods", Statistics in Medicine 17:857-872, Table I
 *   (method 3, score without continuity correction), given to 4 decimals.
 * - Difference intervals: Newcombe RG (1998), "Interval estimation for the difference between
 *   independent proportions: comparison of eleven methods", Statistics in Medicine 17:873-890,
 *   Table II (method 10, hybrid score without continuity correction), to 4 decimals.
 *   Every interval above was also recomputed from the formulas in Python 3.11 (statistics.NormalDist
 *   for z, no code shared with this file), and agrees to the 4 decimals.
 * - z quantiles and the sample size: Python 3.11's statistics.NormalDist (its own inv_cdf) and
 *   the Fleiss formula worked by hand there:
 *     N = NormalDist(); za, zb = N.inv_cdf(.975), N.inv_cdf(.8); p1, p2 = .10, .15; pb = .125
 *     ((za*sqrt(2*pb*(1-pb)) + zb*sqrt(p1*(1-p1)+p2*(1-p2)))**2 / .05**2) = 685.6 -> 686
 */
import { describe, expect, it } from 'vitest';
import { difference, samplePerArm, wilson, Z95, Z_POWER80 } from './stats.js';

const close = (v: number, ref: number, digits = 4) => expect(Math.abs(v - ref)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-12);

describe('results statistics', () => {
  it('normal quantiles match Python statistics.NormalDist', () => {
    close(Z95, 1.9599639845400536, 12);
    close(Z_POWER80, 0.8416212335729144, 12);
  });

  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Wilson interval of %i/%i is %f to %f (Newcombe 1998, Table I)', (x, n, low, high) => {
    const ci = wilson(x, n);
    close(ci.low, low);
    close(ci.high, high);
  });

  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.8090],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])('difference %i/%i - %i/%i: Newcombe hybrid score interval %f to %f (Newcombe 1998, Table II)', (x1, n1, x2, n2, low, high) => {
    const d = difference(x1, n1, x2, n2);
    close(d.diff, x1 / n1 - x2 / n2, 12);
    close(d.low, low);
    close(d.high, high);
  });

  it('an empty arm gives the widest interval, not NaN', () => {
    expect(difference(0, 0, 3, 10)).toEqual({ diff: -0.3, low: -1, high: 1 });
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('sample size per arm for 10% vs 15% is 686 (Fleiss, no continuity correction)', () => {
    expect(samplePerArm(0.1, 0.15)).toBe(686);
    expect(samplePerArm(0.15, 0.1)).toBe(686);
    expect(samplePerArm(0.2, 0.2)).toBe(Infinity);
  });
});
