/**
 * Engine benchmark: N customers (BENCH_N, default 1,000) through a 5-step journey (a short wait,
 * a condition, two sends) on the local Temporal dev server, with the real activities on an
 * embedded PostgreSQL; in the same run two baselines (bench/engine/workflows.ts): a bare
 * Temporal workflow with the same number of activities and timers whose activities do nothing,
 * and the same journey written by hand as a plain workflow calling the same activities (the same
 * database writes and sends, each an ordinary activity); in alternating rounds (BENCH_ROUNDS,
 * default 4, each a slice of the customers) after an untimed warm-up round of each; then
 * event-to-send latency of an event-triggered journey.
 *
 * The dev server runs with `--sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=OFF`
 * (one SQLite connection bounds its throughput; durability is traded for speed here).
 * The short wait: the journey's wait is 1 minute (the smallest unit) and customers enter with an
 * entry time 59.5 s in the past, so the absolute deadline is 0.5 s after the start call. Under
 * this load most first workflow tasks run after it, so most journeys need no timer at all (the
 * cost line shows timers per customer), while the baseline always sleeps its 0.5 s.
 * What each customer costs in Temporal (workflow tasks, activities, local activities, timers,
 * history events, estimated billable actions) is read from a sample of the recorded histories,
 * for the journey and for the baseline.
 * The event-to-send time is split twice: from the histories (server clock) and by this process's
 * clock (the start call, from its return to the send activity starting, then to the provider).
 * BENCH_LATENCY_CONCURRENCY (default 8): customers enrolled at a time in that part (1: no queueing).
 * BENCH_NO_TRIGGERS=1: the user triggers on the tables the runs write (the results roll-ups and
 * observe queue) disabled, to measure what they cost; not a figure to quote as the product's.
 * Last line of output: one JSON object with the figures.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { allChannels, bundleJourneyWorkflows, createActivities, createWorker, logProvider } from '@cairn/engine/runtime';
import { JOURNEY_WORKFLOW, WORKFLOW_INPUT_VERSION, workflowIdFor, type JourneyWorkflowInput } from '@cairn/engine/workflow';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { startTestDb } from '../../engine/support/db.js';
import { journeyOf, publish, type Published } from '../../engine/support/fixtures.js';
import { startDevServer } from '../../engine/support/tools.js';
import { temporalRunner } from '../../../api/src/enrol/temporal-runner.js';
import { describeCost, meanCost } from './cost.js';
import type { HandWrittenInput } from './workflows.js';
import { medianTimeline } from './timeline.js';

const N = Number(process.env.BENCH_N ?? 1000);
const LATENCY_N = Number(process.env.BENCH_LATENCY_N ?? Math.min(200, N));
const CONCURRENCY = 64;
/** Event-triggered customers enrolled at a time in the latency part (BENCH_LATENCY_CONCURRENCY). */
const LATENCY_CONCURRENCY = Number(process.env.BENCH_LATENCY_CONCURRENCY ?? 8);
/** Alternating journey/baseline rounds (BENCH_ROUNDS). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
/** Customers of the untimed warm-up round (each side). */
const WARM_N = Number(process.env.BENCH_WARM_N ?? Math.min(100, N));
/** Histories read to count what a customer costs in Temporal. */
const COST_SAMPLE = Number(process.env.BENCH_COST_SAMPLE ?? 50);
const TIMER_MS = 500;
const TRANSITIONS_PER_CUSTOMER = 5; // t, wait, split, email1, email2 each take an output

Runtime.install({ telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } } });

async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  }));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const t0 = performance.now();
  const [pg, server, bundle] = await Promise.all([
    startTestDb({ poolSize: 20 }),
    startDevServer({ fast: true }),
    bundleJourneyWorkflows({ workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)) }),
  ]);
  console.log(`setup: PostgreSQL + Temporal dev server (SQLite WAL, synchronous=OFF) + bundle in ${round((performance.now() - t0) / 1000)} s`);
  const db = pg.db;
  if (process.env.BENCH_NO_TRIGGERS) {
    for (const t of ['Enrolment', 'NodeEvent', 'Message', 'Event', 'Customer', 'Conversion']) await db.$executeRawUnsafe(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);
    console.log('BENCH_NO_TRIGGERS: the results roll-up and observe-queue triggers are disabled');
  }
  const connection = await NativeConnection.connect({ address: server.address });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const taskQueue = 'bench-engine';
  const base = createActivities({ db, providers: allChannels(logProvider) });
  /** When each event-triggered customer's send activity started on the worker (latency breakdown). */
  const sendStartedAt = new Map<string, number>();
  const activities = {
    ...base,
    sendMessage: async (input: Parameters<typeof base.sendMessage>[0]) => {
      if (input.journey?.id === 'bench-event') sendStartedAt.set(input.customerId, Date.now());
      return base.sendMessage(input);
    },
    noop: async (i: number) => i,
  };
  const worker = await createWorker({
    connection,
    taskQueue,
    activities: activities as never,
    workflowBundle: bundle,
    tuning: { maxConcurrentActivityTaskExecutions: 40, maxConcurrentWorkflowTaskExecutions: 100, maxCachedWorkflows: 2000 },
  });
  const running = worker.run();

  try {
    // ---- journey throughput -------------------------------------------------------------
    const nodesOf = (id: string) => journeyOf(id, [
      { id: 't', type: 'trigger.manual' },
      { id: 'wait', type: 'wait.delay', duration: { amount: 1, unit: 'minutes' } },
      { id: 'split', type: 'condition.split', branches: [{ id: 'pro', label: 'Pro', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' }] } }] },
      { id: 'email1', type: 'action.email', subject: 'Hi {{ customer.firstName }}', body: 'Welcome' },
      { id: 'email2', type: 'action.email', subject: 'Tips', body: 'For {{ customer.plan }}' },
      { id: 'done', type: 'exit' },
    ], [['t', 'wait'], ['wait', 'split'], ['split', 'email1', 'pro'], ['split', 'email1', 'else'], ['email1', 'email2'], ['email2', 'done']]);
    const journey: Published = await publish(db, nodesOf('bench'));
    // The same journey again for an untimed warm-up round (JIT, connection pools, caches).
    const warmJourney: Published = await publish(db, nodesOf('bench-warm'));
    // The same journey again for the hand-written baseline (its own rows and counts).
    const handJourney: Published = await publish(db, nodesOf('bench-hand'));
    const emailNode = (id: string) => handJourney.journey.nodes.find((n) => n.id === id) as HandWrittenInput['email1'];
    const ids = Array.from({ length: N }, (_, i) => `bench-${i}`);
    const warmIds = Array.from({ length: WARM_N }, (_, i) => `warm-${i}`);
    await db.customer.createMany({ data: [...ids, ...warmIds].map((id, i) => ({ id, email: `${id}@example.test`, attributes: { firstName: `C${i}`, plan: i % 2 ? 'pro' : 'free' } })) });

    // The journey and the baseline run in alternating rounds over slices of the customers, so
    // load from other processes drifting over the minutes lands on both alike.
    const journeyRound = async (slice: string[], before: number, published: Published = journey) => {
      const t = performance.now();
      const journeyId = published.journey.id;
      await pool(slice, CONCURRENCY, async (id) => {
        const at = Date.now() - 60_000 + TIMER_MS;
        // As the API writes it (api/src/enrol/route.ts): the current input version.
        const input: JourneyWorkflowInput = {
          v: WORKFLOW_INPUT_VERSION, journeyId, versionId: published.versionId, journey: published.journey, customerId: id, entry: 1,
          enter: { type: 'cairn.enter', at, triggerId: 't', profile: { attributes: {} }, history: [] },
        };
        await client.workflow.start(JOURNEY_WORKFLOW, { workflowId: workflowIdFor(journeyId, id, 1), taskQueue, args: [input] });
      });
      const enrolled = performance.now() - t;
      for (;;) {
        const done = await db.enrolment.count({ where: { journeyId, status: 'completed' } });
        if (done >= before + slice.length) break;
        if (stopRequested || performance.now() - t > 30 * 60_000) throw new Error(`only ${done - before}/${slice.length} completed (interrupted or 30 min passed)`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return { ms: performance.now() - t, enrolled };
    };
    // The journey workflow does 5 calls per customer: 2 sends (activities, each recording the
    // steps that led to it), and as local activities 1 profile load after the timer and 2
    // progress records (entering the wait, at the exit); and one timer. The baseline makes all 5
    // ordinary activities, as a hand-written workflow would.
    // A baseline round: every customer's workflow started (CONCURRENCY at a time), timed until all ended.
    const timedRound = async (slice: string[], start: (id: string) => Promise<{ result(): Promise<unknown> }>) => {
      const t = performance.now();
      const handles: Array<Promise<unknown>> = [];
      await pool(slice, CONCURRENCY, async (id) => {
        handles.push((await start(id)).result());
      });
      await Promise.all(handles);
      return performance.now() - t;
    };
    const baselineRound = (slice: string[]) =>
      timedRound(slice, (id) => client.workflow.start('baselineWorkflow', { workflowId: `baseline-${id}`, taskQueue, args: [{ before: 1, timerMs: TIMER_MS, after: 4 }] }));
    // The journey by hand, on the same activities (bench/engine/workflows.ts).
    const handRound = (slice: string[], prefix = 'hand') =>
      timedRound(slice, (id) => {
        const input: HandWrittenInput = {
          journeyId: handJourney.journey.id, journeyName: handJourney.journey.name, versionId: handJourney.versionId, customerId: id,
          timerMs: TIMER_MS, email1: emailNode('email1'), email2: emailNode('email2'),
        };
        return client.workflow.start('handWrittenWorkflow', { workflowId: `${prefix}-${id}`, taskQueue, args: [input] });
      });
    await journeyRound(warmIds, 0, warmJourney);
    await baselineRound(warmIds);
    await handRound(warmIds, 'hand-warm');
    let journeyMs = 0;
    let baselineMs = 0;
    let handMs = 0;
    const handRatios: number[] = [];
    let enrolledIn = 0;
    const roundRatios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const slice = ids.slice(Math.floor((r * N) / ROUNDS), Math.floor(((r + 1) * N) / ROUNDS));
      const j = await journeyRound(slice, Math.floor((r * N) / ROUNDS));
      const b = await baselineRound(slice);
      const hw = await handRound(slice);
      journeyMs += j.ms;
      enrolledIn += j.enrolled;
      baselineMs += b;
      handMs += hw;
      roundRatios.push(round(b / j.ms, 3));
      handRatios.push(round(hw / j.ms, 3));
    }
    const journeyS = journeyMs / 1000;
    const baselineS = baselineMs / 1000;
    const handS = handMs / 1000;
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(N / COST_SAMPLE)) === 0).slice(0, COST_SAMPLE);
    const sent = await db.message.count({ where: { journeyId: 'bench', status: 'sent' } });
    const transitions = await db.nodeEvent.count({ where: { journeyId: 'bench', kind: 'left' } });
    if (sent !== 2 * N) throw new Error(`expected ${2 * N} sends, found ${sent}`);
    if (transitions !== TRANSITIONS_PER_CUSTOMER * N) throw new Error(`expected ${TRANSITIONS_PER_CUSTOMER * N} transitions, found ${transitions}`);
    const handSent = await db.message.count({ where: { journeyId: 'bench-hand', status: 'sent' } });
    const handDone = await db.enrolment.count({ where: { journeyId: 'bench-hand', status: 'completed' } });
    if (handSent !== 2 * (N + WARM_N) || handDone !== N + WARM_N) throw new Error(`hand-written: expected ${2 * (N + WARM_N)} sends and ${N + WARM_N} completed, found ${handSent} and ${handDone}`);

    // ---- what each customer costs in Temporal, read from the histories ------------------------
    const journeyCost = await meanCost(client, sample.map((id) => workflowIdFor('bench', id, 1)));
    const baselineCost = await meanCost(client, sample.map((id) => `baseline-${id}`));
    const handCost = await meanCost(client, sample.map((id) => `hand-${id}`));

    // ---- event-to-send latency --------------------------------------------------------------
    const evJourney = await publish(db, journeyOf('bench-event', [
      { id: 't', type: 'trigger.event', event: 'Purchased' },
      { id: 'email1', type: 'action.email', subject: 'Thanks for {{ event.properties.item }}', body: 'x' },
      { id: 'done', type: 'exit' },
    ], [['t', 'email1'], ['email1', 'done']]));
    const latIds = ids.slice(0, LATENCY_N);
    const ingest = temporalRunner(new Client({ connection }), { taskQueue, namespace: 'default' });
    const sentAt = new Map<string, number>();
    const enrolledAt = new Map<string, number>();
    await pool(latIds, LATENCY_CONCURRENCY, async (id) => {
      const event = { name: 'Purchased', at: Date.now(), properties: { item: 'lamp' } };
      const input: JourneyWorkflowInput = {
        v: WORKFLOW_INPUT_VERSION, journeyId: 'bench-event', versionId: evJourney.versionId, journey: evJourney.journey, customerId: id, entry: 1,
        enter: { type: 'cairn.enter', at: event.at, triggerId: 't', profile: { attributes: {} }, history: [], event },
      };
      sentAt.set(id, Date.now());
      // As the ingest enrols (api/src/enrol/temporal-runner.ts), through a client on the worker's
      // own NativeConnection, as the launcher's embedded worker can: the start is eager.
      const workflowId = workflowIdFor('bench-event', id, 1);
      await ingest.enrol(workflowId, input);
      enrolledAt.set(id, Date.now());
      await client.workflow.getHandle(workflowId).result();
    });
    const rows = await db.message.findMany({ where: { journeyId: 'bench-event' }, select: { customerId: true, sentAt: true } });
    const latencies = rows.map((r) => (r.sentAt?.getTime() ?? NaN) - (sentAt.get(r.customerId) ?? NaN)).filter(Number.isFinite);
    if (latencies.length !== LATENCY_N) throw new Error(`expected ${LATENCY_N} event-triggered sends, found ${latencies.length}`);
    // Where the time goes, from the process's own clock: the start call (eager: the server hands
    // the first workflow task back in its answer), from its return to the send activity starting
    // on the worker (the first workflow task, the activity dispatch), and the send to the provider.
    const part = (f: (id: string, sent: number) => number) => round(pct(rows.map((r) => f(r.customerId, r.sentAt?.getTime() ?? NaN)).filter(Number.isFinite), 50));
    const latencyParts = {
      startCallMs: part((id) => (enrolledAt.get(id) ?? NaN) - (sentAt.get(id) ?? NaN)),
      toSendActivityMs: part((id) => (sendStartedAt.get(id) ?? NaN) - (enrolledAt.get(id) ?? NaN)),
      sendToProviderMs: part((id, sent) => sent - (sendStartedAt.get(id) ?? NaN)),
    };

    const figures = {
      bench: 'engine',
      customers: N,
      temporal: 'dev server v1.5.1 (SQLite, journal_mode=WAL, synchronous=OFF)',
      enrolSeconds: round(enrolledIn / 1000, 2),
      journeySeconds: round(journeyS, 2),
      customersPerSecond: round(N / journeyS),
      nodeTransitionsPerSecond: round(transitions / journeyS),
      sendsPerSecond: round(sent / journeyS),
      baselineSeconds: round(baselineS, 2),
      baselineWorkflowsPerSecond: round(N / baselineS),
      ratioToBaseline: round(baselineS / journeyS, 3),
      roundRatios,
      handWrittenSeconds: round(handS, 2),
      handWrittenWorkflowsPerSecond: round(N / handS),
      ratioToHandWritten: round(handS / journeyS, 3),
      handRoundRatios: handRatios,
      eventToSendP50Ms: round(pct(latencies, 50)),
      eventToSendP99Ms: round(pct(latencies, 99)),
      latencySamples: latencies.length,
      costSample: sample.length,
      journeyCost,
      baselineCost,
      handWrittenCost: handCost,
      eventJourneyCost: await meanCost(client, latIds.slice(0, COST_SAMPLE).map((id) => workflowIdFor('bench-event', id, 1))),
      eventToSendParts: latencyParts,
      eventToSendMedians: await medianTimeline(client, latIds.slice(0, COST_SAMPLE).map((id) => workflowIdFor('bench-event', id, 1))),
    };
    console.log(`journey: ${N} customers (5 transitions, 2 sends, 1 timer of ${TIMER_MS} ms each) in ${figures.journeySeconds} s`);
    console.log(`  ${figures.customersPerSecond} customers/s, ${figures.nodeTransitionsPerSecond} node transitions/s, ${figures.sendsPerSecond} sends/s`);
    console.log(`baseline (bare workflow, 5 no-op activities + 1 timer): ${figures.baselineSeconds} s, ${figures.baselineWorkflowsPerSecond} workflows/s`);
    console.log(`ratio journey/baseline throughput: ${figures.ratioToBaseline} (rounds, alternating: ${roundRatios.join(', ')})`);
    console.log(`hand-written (the same journey as a plain workflow on the same activities: 5 activities + 1 timer): ${figures.handWrittenSeconds} s, ${figures.handWrittenWorkflowsPerSecond} workflows/s`);
    console.log(`ratio journey/hand-written throughput: ${figures.ratioToHandWritten} (rounds: ${handRatios.join(', ')})`);
    console.log(`Temporal cost per customer (mean of ${sample.length} histories):`);
    console.log(`  journey:  ${describeCost(journeyCost)}`);
    console.log(`  baseline: ${describeCost(baselineCost)}`);
    console.log(`  hand-written: ${describeCost(handCost)}`);
    console.log(`  event-triggered journey (latency part): ${describeCost(figures.eventJourneyCost)}`);
    const tl = figures.eventToSendMedians;
    console.log(`  its time (medians, from the histories): to first workflow task ${tl.toFirstTaskMs} ms, that task ${tl.firstTaskMs} ms, send scheduled to started ${tl.toSendStartMs} ms, the send ${tl.sendMs} ms`);
    console.log(`  its time (medians, this process's clock): start call ${latencyParts.startCallMs} ms, then to the send activity starting ${latencyParts.toSendActivityMs} ms, then to the provider's accept ${latencyParts.sendToProviderMs} ms`);
    console.log(`event-to-send latency (${latencies.length} event-triggered customers enrolled as the ingest does, ${LATENCY_CONCURRENCY} at a time): p50 ${figures.eventToSendP50Ms} ms, p99 ${figures.eventToSendP99Ms} ms`);
    console.log(JSON.stringify(figures));
  } finally {
    worker.shutdown();
    await running.catch(() => {});
    await connection.close();
    await client.connection.close();
    await server.stop();
    await pg.stop();
  }
}

// Ctrl-C: let `finally` stop the servers instead of orphaning them.
process.once('SIGINT', () => {
  stopRequested = true;
});
let stopRequested = false;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
