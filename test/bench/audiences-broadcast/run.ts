/**
 * Broadcast benchmark (issue 17): a broadcast to N customers on the real stack (embedded
 * PostgreSQL, Temporal dev server, worker with the real activities and the log provider, started
 * as `npm start` starts them, in this process): one Temporal workflow pages through the audience
 * and every message goes through the delivery policy (suppression, consent, caps, quiet hours)
 * and its idempotency claim. 1% of the customers are suppressed; they must come out suppressed.
 * - broadcast: messages per second from "send" to "done", and this process's peak memory (the
 *   worker's; PostgreSQL and Temporal run in their own processes) sampled every 100 ms;
 * - the customer list on the same table: the first page, a page deep in the table (keyset), an
 *   attribute filter (`plan=pro`, GIN index) and a text search, median of 5 each;
 * - baseline: the same `deliver` calls, same concurrency (4), in a plain loop without Temporal,
 *   over BASELINE_N customers: what the delivery path costs alone. The ratio broadcast/baseline
 *   is the figure to compare across runs (the machine is shared and noisy).
 * N = BENCH_N (default 20,000: about 4 minutes on the shared 2-core machine; the 100,000
 * with BENCH_N=100000). Last line of output: one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { deliver } from '../../../engine/src/delivery/deliver.js';
import type { MessageNode } from '../../../engine/src/delivery/content.js';
import { startStack } from '../../api/support/stack.js';

const N = Number(process.env.BENCH_N ?? 20_000);
const BASELINE_N = Math.min(N, Number(process.env.BENCH_BASELINE_N ?? 5_000));
const RATE = 2_000;
const CONCURRENCY = 4;

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (b: number) => round(b / 1024 / 1024);

async function main(): Promise<void> {
  const t0 = performance.now();
  const s = await startStack();
  console.log(`stack up in ${round((performance.now() - t0) / 1000)} s`);
  try {
    // N customers and their 1% suppressions, generated in the database.
    await s.db.$executeRawUnsafe(`
      INSERT INTO "Customer" (id, email, attributes, "updatedAt")
      SELECT 'b-' || lpad(i::text, 7, '0'), 'c' || i || '@example.com', jsonb_build_object('firstName', 'C' || i, 'plan', CASE WHEN i % 3 = 0 THEN 'pro' ELSE 'free' END), now()
      FROM generate_series(1, ${N}) AS i`);
    await s.db.$executeRawUnsafe(`
      INSERT INTO "Suppression" (id, "customerId", channel, reason, source)
      SELECT 'sup-' || i, 'b-' || lpad(i::text, 7, '0'), 'email', 'unsubscribed', 'bench'
      FROM generate_series(100, ${N}, 100) AS i`);
    const suppressed = Math.floor(N / 100);
    console.log(`${N} customers (${suppressed} suppressed) in ${round((performance.now() - t0) / 1000)} s`);

    // The customer list on N customers: milliseconds per page (median of 5).
    const timed = async (input: Parameters<typeof s.caller.customers.list>[0]) => {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await s.caller.customers.list(input);
        ms.push(performance.now() - t);
      }
      return round(ms.sort((a, b) => a - b)[2]!);
    };
    const list = {
      firstPageMs: await timed({ limit: 50 }),
      deepPageMs: await timed({ after: `b-${String(N - 100).padStart(7, '0')}`, limit: 50 }),
      attributeMs: await timed({ query: 'plan=pro', after: `b-${String(Math.floor(N / 2)).padStart(7, '0')}`, limit: 50 }),
      textSearchMs: await timed({ query: `c${N - 7}@`, limit: 50 }),
    };
    console.log(`customer list on ${N}: ${JSON.stringify(list)}`);

    const message = { type: 'action.email', subject: 'Hello {{ customer.firstName }}', body: 'Our winter sale starts now.', topic: 'promotions' };
    const b = await s.caller.broadcasts.create({ name: 'bench', message, audience: { kind: 'all' }, ratePerSecond: RATE });
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const start = performance.now();
    await s.caller.broadcasts.send({ id: b.id });
    let last = 0;
    for (;;) {
      const row = await s.db.broadcast.findUniqueOrThrow({ where: { id: b.id } });
      if (row.status === 'done') break;
      if (performance.now() - last > 10_000) {
        last = performance.now();
        console.log(`  ${row.processed} / ${row.total} after ${round((performance.now() - start) / 1000)} s`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const results = await s.caller.broadcasts.get({ id: b.id });
    if (results.results.sent !== N - suppressed || results.results.suppressed !== suppressed) {
      throw new Error(`wrong outcome: ${JSON.stringify(results.results)} (expected ${N - suppressed} sent, ${suppressed} suppressed)`);
    }
    const broadcastRate = N / seconds;
    console.log(`broadcast: ${N} customers in ${round(seconds)} s = ${round(broadcastRate)} messages/s; peak RSS ${mb(peakRss)} MB (${mb(base.rss)} before), peak heap ${mb(peakHeap)} MB`);

    // Baseline: the delivery path alone, same concurrency, no workflow.
    const node = { ...message, id: 'baseline', position: { x: 0, y: 0 }, transactional: false, preheader: '', translations: {} } as unknown as MessageNode;
    const deps = { db: s.db, providers: s.channels.providers, clock: { now: () => Date.now() } };
    const ids = (await s.db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: BASELINE_N })).map((c) => c.id);
    const bStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < ids.length; i = next++) await deliver(deps, { idempotencyKey: `baseline:${ids[i]}`, customerId: ids[i]!, node, finalAttempt: true });
      }),
    );
    const baselineRate = ids.length / ((performance.now() - bStart) / 1000);
    console.log(`baseline: deliver() in a loop, ${ids.length} customers = ${round(baselineRate)} messages/s`);

    console.log(
      JSON.stringify({
        bench: 'audiences-broadcast',
        customers: N,
        suppressed,
        seconds: round(seconds),
        messagesPerSecond: round(broadcastRate),
        peakRssMb: mb(peakRss),
        rssBeforeMb: mb(base.rss),
        peakHeapMb: mb(peakHeap),
        baselineCustomers: ids.length,
        baselineMessagesPerSecond: round(baselineRate),
        ratioToBaseline: round(broadcastRate / baselineRate, 2),
        list,
      }),
    );
  } finally {
    await s.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
