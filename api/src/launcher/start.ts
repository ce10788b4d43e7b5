/**
 * Starts Cairn: PostgreSQL (embedded unless DATABASE_URL), migrations, Temporal (a local dev
 * server unless TEMPORAL_ADDRESS), the worker (unless CAIRN_WORKER=off) and the API server.
 * Returns a handle whose `stop` shuts everything down in reverse order.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createDb, migrate, startEmbeddedPostgres, type Db } from '@cairn/db';
import { actionSecretOf, createActivities, createChannels, type Channels, createWorker, defaultLinkConfig, publicUrlOf, tlsOf, webhookSecret } from '@cairn/engine/runtime';
import type { JourneyRunner } from '../enrol/runner.js';
import { temporalRunner } from '../enrol/temporal-runner.js';
import { sweepUnrouted } from '../enrol/sweep.js';
import { runSchedules } from '../schedule/fire.js';
import type { ApiEnv } from '../env.js';
import { createApiServer } from '../http/server.js';
import { staticFiles } from '../http/static.js';
import { ensureDevelopmentWriteKey } from '../ingest/auth.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { pruneObserveQueue } from '../results/observe.js';
import { ensureFirstAdmin, type FirstAdmin } from '../auth/users.js';
import { findTemporalCli, startDevServer } from './temporal-dev.js';
import { STEP_DEADLINES_MS, step as timedStep } from './deadline.js';
import { untilAvailable } from './until-available.js';
import { startSegmentRefresh } from '../segments/refresh.js';
import { startBroadcastEntries } from '../enrol/broadcast-entries.js';
import { resumeDuplicateSweep } from '../identity/sweep.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Cairn {
  url: string;
  writeKey: string;
  /** The admin made on this start (the first start of a workspace, or CAIRN_ADMIN_RESET), with its password. */
  admin: FirstAdmin;
  db: Db;
  /** The runner the API uses (Temporal): tests build `createCaller` contexts from it. */
  runner: JourneyRunner;
  /** The channel providers (the Channels page's choices, else the environment). */
  channels: Channels;
  databaseUrl: string;
  temporalAddress: string;
  /** The local dev server's Web UI (on by default; CAIRN_TEMPORAL_UI=0 turns it off). */
  temporalUiUrl?: string;
  stop(): Promise<void>;
}

export async function startCairn(env: ApiEnv, log: (line: string) => void = console.log): Promise<Cairn> {
  const stack: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  const stopAll = async () => {
    for (const s of stack.reverse()) {
      // Each step gets a bounded time: a dead dependency must not keep Ctrl-C from finishing.
      // (The timer is kept referenced: it also keeps the process alive while a step awaits.)
      log(`stopping ${s.name}`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out after 15 s')), 15_000);
      });
      await Promise.race([s.stop(), timeout]).catch((err) => log(`stopping ${s.name}: ${(err as Error).message}`));
      clearTimeout(timer);
    }
    stack.length = 0;
  };
  // Each step's time goes to the log ("embedded PostgreSQL: 0.8 s"): where a slow start went.
  const step = <T>(name: string, ms: number, work: () => Promise<T>) => timedStep(name, ms, work, log);
  try {
    const dataDir = env.CAIRN_DATA_DIR ? path.resolve(env.CAIRN_DATA_DIR) : path.join(REPO_ROOT, '.data');
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await step('embedded PostgreSQL', STEP_DEADLINES_MS.postgres, () =>
        startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: env.CAIRN_PG_PORT }),
      );
      stack.push({ name: 'PostgreSQL', stop: () => pg.stop() });
      databaseUrl = pg.url;
      log(`embedded PostgreSQL on 127.0.0.1:${env.CAIRN_PG_PORT} (data ${path.join(dataDir, 'postgres')})`);
    }
    const url = databaseUrl;
    await step('database migrations', STEP_DEADLINES_MS.migrations, () => migrate(url));
    const db = createDb(databaseUrl);
    stack.push({ name: 'database client', stop: () => db.$disconnect() });
    const admin = await step('first admin', STEP_DEADLINES_MS.firstAdmin, () =>
      ensureFirstAdmin(db, { email: env.CAIRN_ADMIN_EMAIL, password: env.CAIRN_ADMIN_PASSWORD, reset: env.CAIRN_ADMIN_RESET }),
    );
    if (admin.created || admin.reset) log(`${admin.reset ? 'password set again for' : 'first admin created:'} ${admin.email}`);

    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const bin = await step('Temporal CLI', STEP_DEADLINES_MS.temporalCli, () => findTemporalCli(REPO_ROOT, log));
      const dev = await step('Temporal dev server', STEP_DEADLINES_MS.temporalServer, () =>
        startDevServer({
          bin,
          port: env.CAIRN_TEMPORAL_PORT,
          dbFile: path.join(dataDir, 'temporal.db'),
          namespace: env.TEMPORAL_NAMESPACE,
          ui: env.CAIRN_TEMPORAL_UI,
          log,
        }),
      );
      stack.push({ name: 'Temporal dev server', stop: () => dev.stop() });
      temporalAddress = dev.address;
      temporalUiUrl = dev.uiUrl;
    }
    // Which provider carries each channel (the Channels page's choices, else the environment):
    // the worker sends with it, the API answers its inbound hooks and sends tests.
    // PORT=0 (tests): the public URL's port is the one the server got, known once it listens.
    let listening = env.PORT;
    const channels = createChannels({ db, env, publicUrl: () => publicUrlOf({ CAIRN_PUBLIC_URL: env.CAIRN_PUBLIC_URL, PORT: listening }) });
    stack.push({ name: 'channel providers', stop: () => channels.close() });
    const tls = await tlsOf(env);
    const apiKey = env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {};
    const address = temporalAddress;
    // With the worker embedded, the API's client shares the worker's NativeConnection: starts are
    // then eager (the first workflow task runs on this worker without a trip through the task
    // queue). Without it, a plain client connection.
    const native =
      env.CAIRN_WORKER === 'embedded'
        ? await step('worker connection', STEP_DEADLINES_MS.temporalClient, () =>
            untilAvailable(() => NativeConnection.connect({ address, tls, ...apiKey }), { untilMs: Date.now() + STEP_DEADLINES_MS.temporalClient - 1_000 }),
          )
        : undefined;
    if (native) stack.push({ name: 'worker connection', stop: () => native.close() });
    const connection = native ?? (await step('Temporal client connection', STEP_DEADLINES_MS.temporalClient, () =>
        untilAvailable(() => Connection.connect({ address, tls, ...apiKey }), { untilMs: Date.now() + STEP_DEADLINES_MS.temporalClient - 1_000 }),
      ));
    if (!native) stack.push({ name: 'Temporal client', stop: () => (connection as Connection).close() });
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    const runner = temporalRunner(client, { taskQueue: env.TEMPORAL_TASK_QUEUE, namespace: env.TEMPORAL_NAMESPACE });

    if (native) {
      const worker: Worker = await step('worker (bundling the workflow code)', STEP_DEADLINES_MS.worker, () =>
        createWorker({
          connection: native,
          namespace: env.TEMPORAL_NAMESPACE,
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          activities: createActivities({ db, providers: channels.providers, webhookSecret: webhookSecret(env), links: defaultLinkConfig(db, env), secret: actionSecretOf(env) }),
        }),
      );
      const running = worker.run();
      running.catch((err) => log(`worker stopped: ${(err as Error).message}`));
      stack.push({
        name: 'worker',
        stop: async () => {
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await running.catch(() => undefined);
        },
      });
    }

    const editorDir = env.CAIRN_EDITOR_DIR ?? path.join(REPO_ROOT, 'editor/dist');
    const staticHandler = staticFiles(editorDir);
    const deps = { db, runner, clock: { now: () => Date.now() } };
    const server = createApiServer({
      ...deps,
      ...(staticHandler ? { staticHandler } : {}),
      ...(env.CAIRN_PUBLIC_URL ? { publicUrl: env.CAIRN_PUBLIC_URL } : {}),
      ...(env.UNSUBSCRIBE_SECRET ? { unsubscribeSecret: env.UNSUBSCRIBE_SECRET } : {}),
      secureCookies: env.CAIRN_COOKIE_SECURE,
      channels,
      // Custom triggers verify their webhooks with CAIRN_SECRET_<NAME>, like custom actions.
      secret: actionSecretOf(env),
      log,
    });
    await step('HTTP server', STEP_DEADLINES_MS.httpServer, () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(env.PORT, env.HOST, () => resolve());
      }),
    );
    stack.push({
      name: 'HTTP server',
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    const port = (server.address() as AddressInfo).port;
    listening = port;

    // Every 15 s: route events stored but never routed (a crash, Temporal unreachable), fire
    // schedule triggers that are due, and bound the results observation queue. One tick at a time.
    let current: Promise<void> | undefined;
    const tick = () =>
      (current ??= (async () => {
        await sweepUnrouted(deps).catch((err) => log(`routing sweep: ${(err as Error).message}`));
        const runs = await runSchedules(deps).catch((err) => (log(`schedules: ${(err as Error).message}`), []));
        await purgeExpiredSessions(db, Date.now()).catch((err) => log(`sessions: ${(err as Error).message}`));
        await pruneObserveQueue(db).catch((err) => log(`results observation queue: ${(err as Error).message}`));
        await resumeDuplicateSweep(deps, log).catch((err) => log(`identity: ${(err as Error).message}`));
        for (const r of runs) log(`schedule ${r.run.journeyId}/${r.run.nodeId} at ${r.run.firesAt.toISOString()}: ${r.enrolled} entered`);
      })().finally(() => (current = undefined)));
    const timer = setInterval(() => void tick(), 15_000);
    timer.unref();
    stack.push({
      name: 'sweep and schedules',
      stop: async () => {
        clearInterval(timer);
        await current;
      },
    });
    void tick();
    // Segments whose membership moves with the clock (windows, relative dates), hourly.
    const refresh = startSegmentRefresh(deps, log);
    stack.push({ name: 'segment refresh', stop: () => refresh.stop() });
    // Journey broadcasts' entries, as their workflows write them.
    const entries = startBroadcastEntries(deps, log);
    stack.push({ name: 'broadcast entries', stop: () => entries.stop() });

    const writeKey = await step('development write key', STEP_DEADLINES_MS.writeKey, () => ensureDevelopmentWriteKey(db, env.CAIRN_WRITE_KEY));
    const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
    if (!staticHandler) log(`editor not built (${editorDir}): the API runs alone`);
    return { url: `http://${host}:${port}`, writeKey, admin, db, runner, channels, databaseUrl, temporalAddress, ...(temporalUiUrl ? { temporalUiUrl } : {}), stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
