/**
 * A local Temporal dev server for `npm start` without TEMPORAL_ADDRESS: the `temporal` CLI found by
 * scripts/tools/temporal-cli.sh (TEMPORAL_CLI, PATH, .tools/bin, or built from the Go module
 * proxy), run with a file-backed SQLite database so workflows survive restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stopOrphan } from '@cairn/db';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface DevServer {
  address: string;
  /** The Temporal Web UI, when it was started. */
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * The CLI's path. Building it from source takes minutes on a first start: the script's progress
 * lines are passed to `log` as they come, with a reminder every 30 s, so a first start never
 * looks stuck.
 */
export async function findTemporalCli(repoRoot: string, log: (line: string) => void = () => undefined): Promise<string> {
  const script = path.join(repoRoot, 'scripts/tools/temporal-cli.sh');
  const child = spawn('sh', [script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
    for (const line of b.toString().split('\n')) if (line.trim()) log(line.trim());
  });
  const started = Date.now();
  const reminder = setInterval(() => log(`still building the Temporal CLI (${Math.round((Date.now() - started) / 60_000)} min so far; once only, it is cached in .tools/)`), 30_000);
  const killer = setTimeout(() => child.kill('SIGTERM'), 30 * 60_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const bin = stdout.trim().split('\n').pop();
    if (code !== 0 || !bin) throw new Error(stderr.trim() || `temporal-cli.sh exited with ${code} and printed no path`);
    return bin;
  } catch (err) {
    throw new Error(`no Temporal CLI for the local dev server: ${(err as Error).message}\nSet TEMPORAL_ADDRESS to use an existing Temporal server instead.`);
  } finally {
    clearInterval(reminder);
    clearTimeout(killer);
  }
}

export async function startDevServer(opts: {
  bin: string;
  port: number;
  dbFile: string;
  namespace: string;
  ui: boolean;
  log: (line: string) => void;
}): Promise<DevServer> {
  await mkdir(path.dirname(opts.dbFile), { recursive: true });
  // A previous run killed hard leaves its dev server running: stop it (we wrote its pid).
  const pidFile = `${opts.dbFile}.pid`;
  await stopOrphan({ pidFile, matches: (argv) => argv.includes('start-dev'), signal: 'SIGTERM', waitMs: 10_000 });
  if (await portInUse(opts.port)) {
    throw new Error(`port ${opts.port} is in use (another Temporal server?). Set TEMPORAL_ADDRESS=127.0.0.1:${opts.port} to use it, or CAIRN_TEMPORAL_PORT to pick another port.`);
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--db-filename', opts.dbFile, '--log-level', 'warn'];
  args.push(...(opts.ui ? ['--ui-port', String(opts.port + 1000)] : ['--headless']));
  if (opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  // The dev server also binds internal ports it picks itself; on a busy machine another process
  // can take one between its pick and its bind, and it then exits at start. A fresh try picks again.
  const ATTEMPTS = 3;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  for (let attempt = 1; ; attempt++) {
    const proc = spawn(opts.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (proc.pid) await writeFile(pidFile, String(proc.pid));
    const head: string[] = [];
    const tail: string[] = [];
    const keep = (b: Buffer) => {
      for (const line of b.toString().split('\n').filter(Boolean)) {
        if (head.length < 10) head.push(line);
        else tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const procExited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const ready = await Promise.race([waitForPort(opts.port, 60_000).then(() => true), procExited.then(() => false)]);
    if (ready) {
      child = proc;
      exited = procExited;
      break;
    }
    const output = [...head, ...(tail.length ? ['…', ...tail] : [])].join('\n');
    if (attempt >= ATTEMPTS) throw new Error(`the Temporal dev server exited at start (${attempt} tries):\n${output}`);
    opts.log(`temporal dev server exited at start (try ${attempt} of ${ATTEMPTS}); trying again: ${head[0] ?? ''}`);
  }
  opts.log(`temporal dev server on 127.0.0.1:${opts.port} (data ${opts.dbFile})${opts.ui ? `, UI http://127.0.0.1:${opts.port + 1000}` : ''}`);
  return {
    address: `127.0.0.1:${opts.port}`,
    ...(opts.ui ? { uiUrl: `http://127.0.0.1:${opts.port + 1000}` } : {}),
    stop: async () => {
      await stopChild(child, exited);
      await rm(pidFile, { force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await portInUse(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the Temporal dev server did not open port ${port} within ${timeoutMs / 1000} s`);
}
