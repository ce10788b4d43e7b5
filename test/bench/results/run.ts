/**
 * Results benchmark: the results queries (api/src/results) on embedded PostgreSQL filled by SQL
 * to two sizes, a tenth and the full size of issue 11's Scale section: 100k/1M events,
 * 20k/200k enrolments, 50k/500k messages (plus 3 node events per enrolment, a conversion for
 * one enrolment in ten). Enrolments spread over 90 days across 4 journeys (the measured one
 * holds half), each with a random split A / B / holdout; one event in twenty is the goal event.
 * Each query runs RUNS times after one warm-up call: p50 and p95 in ms.
 * Measured: journey figures (30 and 90 days), channels, the daily series (90 days), one
 * experiment, the goal-event observation in its steady state (the queue of changed customers
 * read from the journey's mark), and the reads as the API serves them: the whole results.journey
 * read, the overview of all 4 journeys (their observations, the holdout lift, the reach per
 * channel and the lifecycle-stage rows included) and the canvas overlay (results.nodes: an
 * observation and the per-node figures, all time). The issue's goal: p95 under 200 ms for the
 * reads at the full size.
 * Each is also timed as the plain grouped queries it replaced (test/api/support/results-raw.ts,
 * "raw", with the observation a full pass over every open enrolment), in the same run on the same
 * data, and the ratio raw / roll-up reported (the machine is shared, so the ratios are the
 * figures to compare between runs), with the growth from the tenth to the full size (p95 at the
 * full size / p95 at the tenth). The fill goes through the triggers, so its time includes keeping
 * the roll-ups and the observation queue.
 * Last line of output: one JSON object with the figures.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '@cairn/db';
import { publish } from '../../../api/src/journeys/lifecycle.js';
import { channelResults } from '../../../api/src/results/channels.js';
import { experimentResults } from '../../../api/src/results/experiments.js';
import { readJourneyResults } from '../../../api/src/results/index.js';
import { journeyResults } from '../../../api/src/results/journey.js';
import { observeConversions } from '../../../api/src/results/observe.js';
import { nodeResults } from '../../../api/src/results/nodes.js';
import { resultsOverview } from '../../../api/src/results/overview.js';
import { resolveRange } from '../../../api/src/results/range.js';
import { dailySeries } from '../../../api/src/results/series.js';
import { fullObservation, rawChannelResults, rawDailySeries, rawExperimentResults, rawJourneyResults, rawNodeResults, rawResultsOverview } from '../../api/support/results-raw.js';
import { splitJourney } from '../../api/support/split.js';
import { startTestDb } from '../../engine/support/db.js';

const RUNS = Number(process.env.BENCH_RESULTS_RUNS ?? 20);
const FULL = { events: 1_000_000, enrolments: 200_000, messages: 500_000 };
const SCALES = (process.env.BENCH_RESULTS_SCALES ?? '0.1,1').split(',').map(Number);
const JOURNEYS = ['r0', 'r1', 'r2', 'r3'];
const MEASURED = 'r0';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** Fills the database by SQL (generate_series), for `n` of the full size. */
async function fill(db: Db, n: { events: number; enrolments: number; messages: number }): Promise<number> {
  const t0 = performance.now();
  // Not a multiple of 2 or 5, so customers, arms and event kinds (all chosen by i modulo 5, 10
  // or 20) do not line up.
  const customers = Math.max(1000, Math.round(n.enrolments / 4)) + 7;
  const versions = await db.journeyVersion.findMany({ select: { id: true, journeyId: true } });
  const versionOf = Object.fromEntries(versions.map((v) => [v.journeyId, v.id]));
  await db.$executeRawUnsafe(`TRUNCATE "Conversion", "NodeEvent", "Message", "Enrolment", "Event", "Customer", "ResultsEnrolmentDay", "ResultsConversionDay", "ResultsMessageDay", "ResultsNodeStep",
    "ResultsSplitArm", "ResultsReachDay", "ResultsReach", "ResultsObserveQueue", "ResultsObserveMark" CASCADE`);
  await db.$executeRawUnsafe(`INSERT INTO "Customer" (id, "updatedAt") SELECT 'c' || i, now() FROM generate_series(1, ${customers}) i`);
  // Half the enrolments in the measured journey, the rest spread over the others.
  const journeyOf = `CASE WHEN i % 2 = 0 THEN 'r0' ELSE 'r' || (1 + i % 3) END`;
  const versionCase = `CASE ${JOURNEYS.map((j) => `WHEN ${journeyOf} = '${j}' THEN '${versionOf[j]}'`).join(' ')} END`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Enrolment" (id, "journeyId", "versionId", version, "customerId", entry, "workflowId", status, "exitReason", "currentNodeId", "enteredAt", "updatedAt", "endedAt")
    SELECT 'e' || i, ${journeyOf}, ${versionCase}, 1, 'c' || (1 + i % ${customers}), i, 'wf' || i,
           (CASE WHEN i % 10 < 3 AND i % 5 <> 4 THEN 'waiting' WHEN i % 5 = 4 THEN 'exited' ELSE 'completed' END)::"EnrolmentStatus",
           CASE WHEN i % 10 < 3 AND i % 5 <> 4 THEN NULL WHEN i % 5 = 4 THEN 'holdout' WHEN i % 10 = 5 THEN 'goal' ELSE 'completed' END,
           CASE WHEN i % 10 < 3 AND i % 5 <> 4 THEN 'wait-a' WHEN i % 5 = 4 THEN 'split' ELSE 'done-a' END,
           t, t, CASE WHEN i % 10 < 3 AND i % 5 <> 4 THEN NULL ELSE t + interval '1 day' END
    FROM (SELECT i, (now() AT TIME ZONE 'UTC') - (i % 7776000) * interval '1 second' AS t FROM generate_series(1, ${n.enrolments}) i) s`);
  await db.$executeRawUnsafe(`
    INSERT INTO "NodeEvent" ("enrolmentId", "journeyId", seq, "nodeId", kind, output, at)
    SELECT e.id, e."journeyId", k, CASE k WHEN 0 THEN 'signed-up' WHEN 1 THEN 'split' ELSE 'mail-a' END,
           (CASE k WHEN 1 THEN 'left' ELSE 'entered' END)::"NodeEventKind",
           CASE WHEN k = 1 THEN (CASE WHEN substr(e.id, 2)::int % 5 IN (0, 1) THEN 'a' WHEN substr(e.id, 2)::int % 5 IN (2, 3) THEN 'b' ELSE 'holdout' END) END,
           e."enteredAt"
    FROM "Enrolment" e, generate_series(0, 2) k`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Message" (id, "idempotencyKey", "customerId", "journeyId", "enrolmentId", "nodeId", channel, status, "createdAt", "updatedAt")
    SELECT 'm' || i, 'k' || i, e."customerId", e."journeyId", e.id, 'mail-a', (ARRAY['email', 'sms', 'push'])[1 + i % 3],
           (CASE WHEN i % 20 < 17 THEN 'sent' WHEN i % 20 = 17 THEN 'failed' WHEN i % 20 = 18 THEN 'suppressed' ELSE 'capped' END)::"MessageStatus",
           e."enteredAt" + interval '1 minute', e."enteredAt" + interval '1 minute'
    FROM generate_series(1, ${n.messages}) i JOIN "Enrolment" e ON e.id = 'e' || (1 + i % ${n.enrolments})`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Conversion" (id, "enrolmentId", "journeyId", "versionId", version, "customerId", source, "goalNodeId", "goalEvent", "convertedAt", "secondsToConvert")
    SELECT 'cv' || e.id, e.id, e."journeyId", e."versionId", 1, e."customerId", 'goal-node', 'goal', 'Order Completed', e."endedAt", 86400
    FROM "Enrolment" e WHERE e."exitReason" = 'goal'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Event" (id, "messageId", "customerId", type, name, "timestamp", "receivedAt", "processedAt")
    SELECT 'ev' || i, 'msg' || i, 'c' || (1 + (i::bigint * 7919) % ${customers}), 'track', CASE WHEN i % 20 = 0 THEN 'Order Completed' ELSE 'Page Viewed' END,
           (now() AT TIME ZONE 'UTC') - (i % 7776000) * interval '1 second' * 1.07, now(), now()
    FROM generate_series(1, ${n.events}) i`);
  await db.$executeRawUnsafe('ANALYZE');
  return performance.now() - t0;
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { p50: round(pct(ms, 50)), p95: round(pct(ms, 95)) };
}

async function main() {
  const pg = await startTestDb();
  const { db } = pg;
  try {
    for (const id of JOURNEYS) await publish(db, id, 'bench', undefined, splitJourney(id, `Bench ${id}`));
    const out: Record<string, unknown> = {};
    const perScale: Array<{ key: string; figures: Record<string, { p50: number; p95: number }>; raw: Record<string, { p50: number; p95: number }> }> = [];
    for (const scale of SCALES) {
      const n = { events: Math.round(FULL.events * scale), enrolments: Math.round(FULL.enrolments * scale), messages: Math.round(FULL.messages * scale) };
      const fillMs = await fill(db, n);
      const now = Date.now();
      const d30 = resolveRange({ days: 30 }, now);
      const d90 = resolveRange({ days: 90 }, now);
      const firstObserve = performance.now();
      const observed = await observeConversions(db, MEASURED, now);
      const firstObserveMs = performance.now() - firstObserve;
      const figures = {
        journey30: await time(() => journeyResults(db, MEASURED, d30)),
        journey90: await time(() => journeyResults(db, MEASURED, d90)),
        channels90: await time(() => channelResults(db, MEASURED, d90)),
        series90: await time(() => dailySeries(db, MEASURED, d90)),
        experiment90: await time(() => experimentResults(db, MEASURED, d90)),
        observeSteady: await time(() => observeConversions(db, MEASURED, now)),
        wholeRead30: await time(() => readJourneyResults(db, now, { journeyId: MEASURED, range: { days: 30 } })),
        overview90: await time(() => resultsOverview(db, d90, now)),
        canvasRead: await time(async () => {
          await observeConversions(db, MEASURED, now);
          await nodeResults(db, MEASURED);
        }),
      };
      // The same reads as plain grouped queries (before the roll-ups and the observation queue).
      const rawRead30 = async () => {
        await fullObservation(db, MEASURED, now);
        await Promise.all([rawJourneyResults(db, MEASURED, d30), rawChannelResults(db, MEASURED, d30), rawDailySeries(db, MEASURED, d30), rawExperimentResults(db, MEASURED, d30)]);
      };
      const raw: Record<keyof typeof figures, { p50: number; p95: number }> = {
        journey30: await time(() => rawJourneyResults(db, MEASURED, d30)),
        journey90: await time(() => rawJourneyResults(db, MEASURED, d90)),
        channels90: await time(() => rawChannelResults(db, MEASURED, d90)),
        series90: await time(() => rawDailySeries(db, MEASURED, d90)),
        experiment90: await time(() => rawExperimentResults(db, MEASURED, d90)),
        observeSteady: await time(() => fullObservation(db, MEASURED, now)),
        wholeRead30: await time(rawRead30),
        overview90: await time(() => rawResultsOverview(db, d90, now)),
        canvasRead: await time(async () => {
          await fullObservation(db, MEASURED, now);
          await rawNodeResults(db, MEASURED);
        }),
      };
      const names = Object.keys(figures) as Array<keyof typeof figures>;
      const ratio = Object.fromEntries(names.map((k) => [k, round(raw[k].p95 / figures[k].p95)]));
      const key = `${n.events / 1000}k_events`;
      out[key] = { ...n, fillSeconds: round(fillMs / 1000), firstObserveMs: round(firstObserveMs), observedConversions: observed, ...figures, raw, rawOverRollupP95: ratio };
      perScale.push({ key, figures, raw });
      console.log(`scale ${scale}: ${n.events} events, ${n.enrolments} enrolments, ${n.messages} messages (filled in ${round(fillMs / 1000)} s); first observation ${round(firstObserveMs)} ms, ${observed} conversions`);
      for (const name of names) {
        const [f, r] = [figures[name], raw[name]];
        console.log(`  ${name.padEnd(14)} p50 ${String(f.p50).padStart(7)} ms   p95 ${String(f.p95).padStart(7)} ms   raw p50 ${String(r.p50).padStart(7)} ms  p95 ${String(r.p95).padStart(7)} ms  (raw/new p95 x${ratio[name]})`);
      }
    }
    // Growth from the smallest to the largest size: p95 there over p95 here, new and raw.
    if (perScale.length > 1) {
      const [first, last] = [perScale[0]!, perScale[perScale.length - 1]!];
      const growth: Record<string, { new: number; raw: number }> = {};
      console.log(`growth ${first.key} -> ${last.key} (p95 ratio):`);
      for (const [name, f] of Object.entries(last.figures)) {
        const g = { new: round(f.p95 / first.figures[name]!.p95), raw: round(last.raw[name]!.p95 / first.raw[name]!.p95) };
        growth[name] = g;
        console.log(`  ${name.padEnd(14)} new x${g.new}   raw x${g.raw}`);
      }
      out.growthP95 = growth;
    }
    console.log(JSON.stringify({ bench: 'results', runs: RUNS, ...out }));
  } finally {
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
