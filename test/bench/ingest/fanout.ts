/**
 * The fan-out case: one customer with FANOUT_JOURNEYS running enrolments (one per journey, each
 * parked at a wait for its own event, with a goal on "Order Completed") receives FANOUT_EVENTS
 * events: nine in ten are page views nobody waits for, one in ten is the event one journey waits
 * for. Then "Order Completed" ends every run through the goal (the goal still reaches them all).
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '@cairn/db';
import { publish } from '../../../api/src/journeys/lifecycle.js';
import { load, post, round, type LoadResult, type Target } from './load.js';

export const FANOUT_JOURNEYS = Number(process.env.BENCH_FANOUT_JOURNEYS ?? 100);
export const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 200);
const CUSTOMER = 'fan-customer';

function journey(i: number) {
  return {
    id: `fan-${i}`,
    name: `Fan-out ${i}`,
    settings: { entry: { mode: 'once' } },
    nodes: [
      { id: 'start', type: 'trigger.event', event: 'Fan Start' },
      { id: 'wait', type: 'wait.event', event: `Step ${i}`, timeout: { amount: 7, unit: 'days' } },
      { id: 'done', type: 'exit' },
      { id: 'gave-up', type: 'exit' },
      { id: 'bought', type: 'goal', event: 'Order Completed' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'event', target: 'done' },
      { id: 'e3', source: 'wait', sourceHandle: 'timeout', target: 'gave-up' },
    ],
  };
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await probe())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`fan-out: ${what} not reached within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return performance.now() - t0;
}

export interface FanoutResult {
  journeys: number;
  events: LoadResult;
  /** Events some run waited for (one run each): all of them reached it. */
  awaitedDelivered: number;
  /** From the goal event's call to every remaining run ended through the goal. */
  goalToAllEndedMs: number;
}

export async function fanout(t: Target, db: Db, concurrency: number): Promise<FanoutResult> {
  const n = FANOUT_JOURNEYS;
  for (let i = 0; i < n; i++) await publish(db, `fan-${i}`, 'bench', undefined, journey(i));
  // The API caches the live journey list for a second.
  await new Promise((r) => setTimeout(r, 1200));
  await post(t, '/v1/track', { userId: CUSTOMER, event: 'Fan Start', messageId: 'fan-start' });
  const waiting = () => db.enrolment.count({ where: { customerId: CUSTOMER, status: 'waiting', currentNodeId: 'wait' } });
  await until(`${n} runs waiting`, async () => (await waiting()) === n, 300_000);

  const awaited = Math.min(n, Math.floor(FANOUT_EVENTS / 10));
  const bodies = Array.from({ length: FANOUT_EVENTS }, (_, k) => ({
    userId: CUSTOMER,
    event: k % 10 === 0 && k / 10 < awaited ? `Step ${k / 10}` : 'Page Viewed',
    messageId: `fan-${k}`,
    properties: { k },
  }));
  const events = await load(t, '/v1/track', bodies, concurrency);
  const ended = (where: Record<string, unknown>) => db.enrolment.count({ where: { customerId: CUSTOMER, ...where } });
  await until(`${awaited} awaited events delivered`, async () => (await ended({ status: 'completed', currentNodeId: 'done' })) === awaited, 120_000);

  const t0 = performance.now();
  await post(t, '/v1/track', { userId: CUSTOMER, event: 'Order Completed', messageId: 'fan-goal' });
  await until('every run ended', async () => (await ended({ status: { in: ['active', 'waiting'] } })) === 0, 120_000);
  const goalToAllEndedMs = performance.now() - t0;
  const goals = await ended({ exitReason: 'goal' });
  if (goals !== n - awaited) throw new Error(`fan-out: ${goals} runs ended through the goal, expected ${n - awaited}`);
  return { journeys: n, events, awaitedDelivered: awaited, goalToAllEndedMs: round(goalToAllEndedMs) };
}
