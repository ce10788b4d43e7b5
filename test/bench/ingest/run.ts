/**
 * Ingest benchmark: the real stack (embedded PostgreSQL, Temporal dev server, the worker and the
 * API, started as `npm start` starts them, in a process of their own) called from outside over
 * loopback HTTP by CONCURRENCY callers:
 * - /v1/track, one event per call, and /v1/batch, BATCH_SIZE events per call: events/s, p50/p99
 *   per call; then the stored rows are counted (nothing lost) and calls are sent again with the
 *   same messageIds (each stored once);
 * - the same calls against a bare node:http server doing one INSERT per call (multi-row for a
 *   batch) on the same PostgreSQL: the machine is shared and noisy, so the ratio to it is the
 *   figure to compare across runs;
 * - fan-out: one customer with 100 running enrolments receives 200 events (fanout.ts).
 * The Temporal dev server runs with journal_mode=WAL, synchronous=OFF (load figures).
 * Last line of output: one JSON object with the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startTestDb } from '../../engine/support/db.js';
import { startDevServer } from '../../engine/support/tools.js';
import { publish } from '../../../api/src/journeys/lifecycle.js';
import { fanout } from './fanout.js';
import { load, round, type LoadResult, type Target } from './load.js';

const CONCURRENCY = 32;
const TRACK_CALLS = Number(process.env.BENCH_TRACK_CALLS ?? 4000);
const BATCH_CALLS = Number(process.env.BENCH_BATCH_CALLS ?? 150);
const BATCH_SIZE = 100;
const CUSTOMERS = 500;
const WARMUP_CALLS = 300;
const RESENT_TRACK = 500;
const RESENT_BATCHES = 10;

interface Child {
  target: Target;
  stop(): Promise<void>;
}

/** Starts server.ts in `mode` in its own process and waits for its address line. */
async function child(mode: 'cairn' | 'baseline', env: Record<string, string>): Promise<Child> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  // BENCH_CPU_PROF=<dir>: a CPU profile of the stack's process, written when it stops.
  const prof = mode === 'cairn' && process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const proc: ChildProcess = spawn(process.execPath, [...prof, '--import', 'tsx', script, mode], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    rl.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`${mode} server exited (${code}) before listening`)));
    setTimeout(() => reject(new Error(`${mode} server did not listen within 180 s`)), 180_000).unref();
  });
  return {
    target: JSON.parse(line) as Target,
    stop: async () => {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const trackBodies = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    userId: `c-${i % CUSTOMERS}`,
    event: 'Page Viewed',
    messageId: `${prefix}-${i}`,
    properties: { path: `/docs/${i % 37}`, i },
  }));

const batchBodies = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, b) => ({
    batch: Array.from({ length: BATCH_SIZE }, (_, k) => ({
      type: 'track',
      userId: `c-${(b * 7 + k) % CUSTOMERS}`,
      event: 'Product Viewed',
      messageId: `${prefix}-${b}-${k}`,
      properties: { sku: `sku-${k}`, b },
    })),
  }));

async function main() {
  const t0 = performance.now();
  const [pg, temporal] = await Promise.all([startTestDb({ poolSize: 4 }), startDevServer({ fast: true })]);
  // BENCH_NO_OBSERVE_TRIGGERS=1: without the results observe-queue triggers (one queue row per
  // stored event, enrolment and message change), to measure what they cost the ingest.
  if (process.env.BENCH_NO_OBSERVE_TRIGGERS) {
    const triggers = await pg.db.$queryRaw<Array<{ name: string; tbl: string }>>`SELECT tgname AS name, tgrelid::regclass::text AS tbl FROM pg_trigger WHERE tgname LIKE 'results_observe%'`;
    for (const t of triggers) await pg.db.$executeRawUnsafe(`DROP TRIGGER "${t.name}" ON ${t.tbl}`);
    console.log(`without the results observe-queue triggers (${triggers.length} dropped)`);
  }
  const env = { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address };
  const children: Child[] = [];
  try {
    const started = await Promise.allSettled([child('cairn', env), child('baseline', env)]);
    for (const s of started) if (s.status === 'fulfilled') children.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const [cairn, bare] = children as [Child, Child];
    console.log(`setup: PostgreSQL, Temporal dev server (WAL, synchronous=OFF), the stack and the bare server in ${round((performance.now() - t0) / 1000)} s`);
    const db = pg.db;

    // A live journey with an event trigger, as in any workspace: every call is checked against it.
    await publish(db, 'welcome', 'bench', undefined, {
      id: 'welcome',
      name: 'Welcome',
      nodes: [
        { id: 'signed-up', type: 'trigger.event', event: 'Signed Up' },
        { id: 'hello', type: 'action.email', subject: 'Hi', body: 'Welcome!' },
        { id: 'done', type: 'exit' },
      ],
      edges: [{ id: 'e1', source: 'signed-up', target: 'hello' }, { id: 'e2', source: 'hello', target: 'done' }],
    });
    await load(cairn.target, '/v1/track', trackBodies('warm', WARMUP_CALLS), CONCURRENCY);
    await load(bare.target, '/v1/track', trackBodies('warm', WARMUP_CALLS), CONCURRENCY);

    const show = (what: string, r: LoadResult) =>
      console.log(`${what}: ${r.events} events in ${r.seconds} s, ${r.eventsPerSecond} events/s, per call p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
    const bareTrack = await load(bare.target, '/v1/track', trackBodies('bt', TRACK_CALLS), CONCURRENCY);
    show('bare server /v1/track', bareTrack);
    const track = await load(cairn.target, '/v1/track', trackBodies('t', TRACK_CALLS), CONCURRENCY);
    show('cairn /v1/track', track);
    const bareBatch = await load(bare.target, '/v1/batch', batchBodies('bb', BATCH_CALLS), CONCURRENCY, BATCH_SIZE);
    show(`bare server /v1/batch (${BATCH_SIZE} events)`, bareBatch);
    const batch = await load(cairn.target, '/v1/batch', batchBodies('b', BATCH_CALLS), CONCURRENCY, BATCH_SIZE);
    show(`cairn /v1/batch (${BATCH_SIZE} events)`, batch);

    // Nothing lost, nothing doubled: every call answered 200 has its row, once; calls sent again
    // with the same messageIds are answered as duplicates and store nothing.
    const count = async (prefix: string) => {
      const [r] = await db.$queryRawUnsafe<Array<{ n: bigint; unrouted: bigint }>>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE "processedAt" IS NULL) AS unrouted FROM "Event" WHERE "messageId" LIKE $1`,
        `${prefix}-%`,
      );
      return { rows: Number(r?.n ?? 0), unrouted: Number(r?.unrouted ?? 0) };
    };
    const resentTrack = await load(cairn.target, '/v1/track', trackBodies('t', RESENT_TRACK), CONCURRENCY);
    const resentBatch = await load(cairn.target, '/v1/batch', batchBodies('b', RESENT_BATCHES), CONCURRENCY, BATCH_SIZE);
    const trackRows = await count('t');
    const batchRows = await count('b');
    const integrity = {
      trackRows: trackRows.rows,
      trackExpected: TRACK_CALLS,
      batchRows: batchRows.rows,
      batchExpected: BATCH_CALLS * BATCH_SIZE,
      unrouted: trackRows.unrouted + batchRows.unrouted,
      resent: RESENT_TRACK + RESENT_BATCHES * BATCH_SIZE,
      resentAnsweredDuplicate: resentTrack.duplicates + resentBatch.duplicates,
      resentStored: resentTrack.stored + resentBatch.stored,
    };
    console.log(`integrity: ${JSON.stringify(integrity)}`);
    if (integrity.trackRows !== integrity.trackExpected || integrity.batchRows !== integrity.batchExpected) throw new Error('rows lost or doubled');
    if (integrity.resentAnsweredDuplicate !== integrity.resent || integrity.resentStored !== 0) throw new Error('a call sent again was stored again');

    if (process.env.BENCH_SKIP_FANOUT) {
      console.log(JSON.stringify({ bench: 'ingest', track, batch, integrity, baseline: { track: bareTrack, batch: bareBatch } }));
      return;
    }
    const fan = await fanout(cairn.target, db, CONCURRENCY);
    console.log(`fan-out: one customer in ${fan.journeys} running journeys, ${fan.events.events} events in ${fan.events.seconds} s: ${fan.events.eventsPerSecond} events/s, p50 ${fan.events.p50Ms} ms, p99 ${fan.events.p99Ms} ms; the goal event ended all runs in ${fan.goalToAllEndedMs} ms`);

    const figures = {
      bench: 'ingest',
      concurrency: CONCURRENCY,
      temporal: 'dev server (SQLite, journal_mode=WAL, synchronous=OFF)',
      track,
      batch: { ...batch, batchSize: BATCH_SIZE },
      baseline: { track: bareTrack, batch: bareBatch },
      trackRatioToBaseline: round(track.eventsPerSecond / bareTrack.eventsPerSecond, 3),
      batchRatioToBaseline: round(batch.eventsPerSecond / bareBatch.eventsPerSecond, 3),
      integrity,
      fanout: fan,
    };
    console.log(JSON.stringify(figures));
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => {});
    await temporal.stop();
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
