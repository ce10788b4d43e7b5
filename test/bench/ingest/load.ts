/** Calls over loopback HTTP from a fixed number of concurrent callers, timing each call. */
import { performance } from 'node:perf_hooks';

export interface Target {
  url: string;
  writeKey: string;
}

export interface LoadResult {
  calls: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Summed over the answers: what the server said it stored and found duplicate. */
  stored: number;
  duplicates: number;
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function post(t: Target, pathname: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${t.url}${pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${t.writeKey}:`).toString('base64')}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Sends `bodies` to `pathname`, `concurrency` calls in flight at any time. */
export async function load(t: Target, pathname: string, bodies: unknown[], concurrency: number, eventsPerCall = 1): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let stored = 0;
  let duplicates = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, bodies.length) }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t0 = performance.now();
        const answer = await post(t, pathname, body);
        latencies.push(performance.now() - t0);
        stored += Number(answer.stored ?? 0);
        duplicates += Number(answer.duplicates ?? 0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const events = bodies.length * eventsPerCall;
  return {
    calls: bodies.length,
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: round(events / seconds),
    p50Ms: round(pct(latencies, 50)),
    p99Ms: round(pct(latencies, 99)),
    stored,
    duplicates,
  };
}
