/**
 * One test file's world: a migrated embedded PostgreSQL, a Temporal server (time-skipping by
 * default), and a worker running the real journey workflow with the real activities on that
 * database. Providers default to `log`; tests pass their own to observe or break sends.
 */
import type { Db } from '@cairn/db';
import { allChannels, bundleJourneyWorkflows, createActivities, createWorker, logProvider, type Providers } from '@cairn/engine/runtime';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { beforeEach } from 'vitest';
import { startTestDb, type TestDb } from './db.js';
import { timeSkippingEnv, type TimeSkippingEnv } from './env.js';

export interface Harness {
  db: Db;
  client: Client;
  ts: TimeSkippingEnv;
  taskQueue: string;
  bundle: { code: string };
  /**
   * Replaces the Temporal test server (and the worker) with a fresh one; the database stays.
   * The time-skipping server can leak a time lock (after a rejected workflow-task completion),
   * after which env.sleep() never returns; a server per test keeps tests independent.
   */
  freshServer(): Promise<void>;
  /** Starts (another) worker on the task queue; returns a stop function. */
  startWorker(providers?: Providers): Promise<{ worker: Worker; stop(): Promise<void> }>;
  teardown(): Promise<void>;
}

// Workers log at WARN: the INFO lines (every worker's state changes) buried the one failing
// test's output in CI logs, which keep only the tail.
let runtimeInstalled = false;

/** `actions`: a module registering custom actions, for the workflow bundle (the test imports it too, for the activities). */
export async function harness(opts: { providers?: Providers; actions?: string } = {}): Promise<Harness> {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    try {
      Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
    } catch {
      // The caller (the history recorder) installed its own runtime first.
    }
  }
  const [pg, firstTs, bundle] = await Promise.all([startTestDb(), timeSkippingEnv(), bundleJourneyWorkflows(opts.actions ? { actions: opts.actions } : {})]);
  let ts = firstTs;
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
  const self: Harness = {
    db: pg.db,
    // A plain client: time moves only when a test skips it (`skipToEnd`, env.sleep). The
    // time-skipping client's auto-skip during result() can outrun a cold worker and time out
    // its workflow tasks.
    client: new Client({ connection: ts.env.connection }),
    ts,
    taskQueue,
    bundle,
    startWorker,
    freshServer: async () => {
      await Promise.allSettled(workers.splice(0).map((s) => s()));
      await self.ts.teardown();
      ts = await timeSkippingEnv();
      self.ts = ts;
      self.client = new Client({ connection: ts.env.connection });
      await startWorker();
    },
    teardown: async () => {
      await Promise.allSettled(workers.map((s) => s()));
      await self.ts.teardown();
      await (pg as TestDb).stop();
    },
  };
  return self;
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
      // not started yet, no worker answered the query yet, or no answer in time (see bounded)
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
  let skippedTo = 0;
  for (;;) {
    const desc = await bounded(handle, () => handle.describe(), 5_000);
    if (desc.status.name !== 'RUNNING') return closedResult<T>(handle, desc.runId);
    if (Date.now() > end) throw new Error(`workflow ${handle.workflowId} still running after ${timeoutMs} ms`);
    const s = await statusOf(handle).catch(() => undefined);
    // Skip only while the workflow sleeps with nothing in flight; a deadline already skipped to
    // is a stale answer (the workflow is about to leave that wait).
    if (s?.status === 'waiting' && s.idle && s.deadline !== undefined && s.deadline > skippedTo) {
      skippedTo = s.deadline;
      const now = await h.ts.env.currentTimeMs();
      await h.ts.env.sleep(Math.max(1, s.deadline - now + 1));
    } else {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * A client call on `handle`, cancelled after `ms`. The test server can leave a query unanswered
 * when it lands while the workflow continues as new (asking again reaches the new run); the call
 * is cancelled rather than abandoned, so no retry outlives the test's connection.
 */
export function bounded<T>(handle: WorkflowHandle, call: () => Promise<T>, ms = 2_000): Promise<T> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  return handle.client.connection.withAbortSignal(ac.signal, call).finally(() => clearTimeout(timer));
}

export interface StatusView {
  status: string;
  node: string;
  deadline?: number;
  idle: boolean;
  paused: boolean;
  steps: number;
}

/** The workflow's status query, bounded. */
export const statusOf = (handle: WorkflowHandle) => bounded(handle, () => handle.query<StatusView>('status'));

/**
 * The workflow's result once it has closed. Polls describe() rather than trusting result()'s
 * long poll alone: on the test server that poll can miss the close of a run reached through
 * continue-as-new and then waits forever.
 */
export async function finished<T>(handle: WorkflowHandle, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const desc = await bounded(handle, () => handle.describe(), 5_000).catch(() => undefined);
    if (desc && desc.status.name !== 'RUNNING') return closedResult<T>(handle, desc.runId);
    if (Date.now() > end) throw new Error(`workflow ${handle.workflowId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The result of the closed last run, read without following the chain of runs. */
async function closedResult<T>(handle: WorkflowHandle, runId: string): Promise<T> {
  return (await handle.client.getHandle(handle.workflowId, runId, { followRuns: false }).result()) as T;
}

/** A fresh Temporal test server per test (see Harness.freshServer); the first test uses the initial one. */
export function freshServerPerTest(h: () => Harness): void {
  let used = false;
  beforeEach(async () => {
    if (used) await h().freshServer();
    used = true;
  }, 60_000);
}
