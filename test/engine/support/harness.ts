/**
 * One test file's world: a migrated embedded PostgreSQL, a Temporal server (time-skipping by
 * default), and a worker running the real journey workflow with the real activities on that
 * database. Providers default to `log`; tests pass their own to observe or break sends.
 */
import type { Db } from '@cairn/db';
import { allChannels, bundleJourneyWorkflows, createActivities, createWorker, logProvider, type Providers } from '@cairn/engine/runtime';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { startTestDb, type TestDb } from './db.js';
import { timeSkippingEnv, type TimeSkippingEnv } from './env.js';

export interface Harness {
  db: Db;
  client: Client;
  ts: TimeSkippingEnv;
  taskQueue: string;
  bundle: { code: string };
  /** Starts (another) worker on the task queue; returns a stop function. */
  startWorker(providers?: Providers): Promise<{ worker: Worker; stop(): Promise<void> }>;
  teardown(): Promise<void>;
}

export async function harness(opts: { providers?: Providers } = {}): Promise<Harness> {
  const [pg, ts, bundle] = await Promise.all([startTestDb(), timeSkippingEnv(), bundleJourneyWorkflows()]);
  const taskQueue = `engine-test-${process.pid}`;
  const workers: Array<() => Promise<void>> = [];
  const startWorker = async (providers: Providers = opts.providers ?? allChannels(logProvider)) => {
    const worker = await createWorker({
      connection: ts.env.nativeConnection,
      taskQueue,
      activities: createActivities({ db: pg.db, providers, webhookSecret: 'test-secret' }),
      workflowBundle: bundle,
      tuning: { shutdownGraceTime: '2 seconds' },
    });
    const running = worker.run();
    const stop = async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    };
    workers.push(stop);
    return { worker, stop };
  };
  await startWorker();
  return {
    db: pg.db,
    // A plain client: time moves only when a test skips it (`skipToEnd`, env.sleep). The
    // time-skipping client's auto-skip during result() can outrun a cold worker and time out
    // its workflow tasks.
    client: new Client({ connection: ts.env.connection }),
    ts,
    taskQueue,
    bundle,
    startWorker,
    teardown: async () => {
      await Promise.allSettled(workers.map((s) => s()));
      await ts.teardown();
      await (pg as TestDb).stop();
    },
  };
}

/** Polls a workflow's status query until `pred` holds (a worker must be running). */
export async function until<T>(probe: () => Promise<T>, pred: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (pred(last)) return last;
    } catch {
      // not started yet, or no worker answered the query yet
    }
    if (Date.now() > end) throw new Error(`condition not met in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Lets the workflow finish, skipping server time to each wait's deadline as it reaches one.
 * A day-long wait completes in milliseconds of real time.
 */
export async function skipToEnd<T>(h: Harness, handle: WorkflowHandle, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const desc = await handle.describe();
    if (desc.status.name !== 'RUNNING') return (await handle.result()) as T;
    if (Date.now() > end) throw new Error(`workflow ${handle.workflowId} still running after ${timeoutMs} ms`);
    const s = await handle.query<{ status: string; deadline?: number }>('status').catch(() => undefined);
    if (s?.status === 'waiting' && s.deadline !== undefined) {
      const now = await h.ts.env.currentTimeMs();
      await h.ts.env.sleep(Math.max(1, s.deadline - now + 1));
    } else {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
