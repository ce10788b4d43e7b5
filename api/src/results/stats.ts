/**
 * The statistics behind the experiment table, pure: a proportion's 95% interval (Wilson score),
 * the difference of two independent proportions with Newcombe's hybrid score interval (method 10
 * of Newcombe 1998, built from the two Wilson intervals: it keeps its coverage near 95% where the
 * plain Wald interval does not, with small counts or rates near 0), and the customers per arm a
 * two-sided test at 5% needs to detect a difference with 80% power (the normal approximation
 * without continuity correction, Fleiss). The normal quantile comes from stdlib.
 */
import quantile from '@stdlib/stats-base-dists-normal-quantile';

/** z for a two-sided 95% interval (1.959964…). */
export const Z95 = quantile(0.975, 0, 1);
/** z for 80% power (0.841621…). */
export const Z_POWER80 = quantile(0.8, 0, 1);

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval of `x` successes in `n` trials (0..1); n = 0 gives [0, 1]. */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Difference p1 - p2 of two independent proportions and its Newcombe hybrid score interval.
 * With an empty arm the interval is the widest possible, [-1, 1].
 */
export function difference(x1: number, n1: number, x2: number, n2: number, z = Z95): { diff: number } & Interval {
  if (n1 === 0 || n2 === 0) return { diff: (n1 ? x1 / n1 : 0) - (n2 ? x2 / n2 : 0), low: -1, high: 1 };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilson(x1, n1, z);
  const b = wilson(x2, n2, z);
  const diff = p1 - p2;
  return {
    diff,
    low: diff - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: diff + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/**
 * Customers needed in each of two arms to detect rates p1 vs p2 with a two-sided 5% test and 80%
 * power; Infinity when the rates are equal (no difference to detect).
 */
export function samplePerArm(p1: number, p2: number): number {
  const d = Math.abs(p1 - p2);
  if (d === 0) return Infinity;
  const pBar = (p1 + p2) / 2;
  const n = (Z95 * Math.sqrt(2 * pBar * (1 - pBar)) + Z_POWER80 * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (d * d);
  return Math.ceil(n);
}
