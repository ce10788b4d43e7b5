/** Shared pieces of the node kinds' `sample` generators (generated journeys for tests and benchmarks). */

/** Event names generated journeys wait for, split on and convert on. */
export const SAMPLE_EVENTS = ['Viewed Product', 'Added To Cart', 'Order Completed', 'Opened Email'] as const;

/** One of `xs`, chosen by `random` (a seeded generator in tests). */
export function pickOf<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)] as T;
}
