/**
 * Temporal servers for tests and benchmarks, from the scripts in scripts/tools (installed on first
 * use under .tools/, offline-capable: Go module proxy and Maven Central).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function tool(script: string): Promise<string> {
  const { stdout } = await run(path.join(repoRoot, 'scripts/tools', script), { cwd: repoRoot, timeout: 30 * 60_000, maxBuffer: 1 << 24 });
  return stdout.trim().split('\n').pop() ?? '';
}

export const temporalCli = () => tool('temporal-cli.sh');
export const timeSkippingLauncher = () => tool('time-skipping-server.sh');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > until) throw new Error(`server not listening on ${port} after ${timeoutMs} ms: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningServer {
  address: string;
  port: number;
  stop(): Promise<void>;
}

// Servers still running when the test process exits (a crash, a failed teardown) go with it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function spawnServer(cmd: string, args: string[], port: number, timeoutMs: number): Promise<RunningServer> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return waitForPort(port, child, timeoutMs, () => out).then(
    () => ({ address: `127.0.0.1:${port}`, port, stop }),
    async (err) => {
      await stop();
      throw err;
    },
  );
}

/**
 * The Java time-skipping test server, started by us rather than by the SDK: the SDK gives a JVM
 * about 5 s to listen, which a busy 2-core machine can exceed. We wait up to 60 s instead.
 */
export async function startTimeSkippingServer(): Promise<RunningServer> {
  const launcher = await timeSkippingLauncher();
  return retried(async () => {
    const port = await freePort();
    return spawnServer(launcher, [String(port), '--enable-time-skipping'], port, 60_000);
  });
}

/**
 * A server that exits at start on a busy machine (its port, or an internal port it picked, taken
 * by another process in between) is started again on a fresh port, up to three times.
 */
async function retried(start: () => Promise<RunningServer>, attempts = 3): Promise<RunningServer> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

/**
 * The Temporal dev server (temporal CLI, SQLite). `fast` adds the WAL / synchronous=OFF pragmas
 * used for load figures (durability traded for speed: fine for a benchmark, not for production).
 */
export async function startDevServer(opts: { fast?: boolean; dbFile?: string } = {}): Promise<RunningServer> {
  const cli = await temporalCli();
  const dbFile = opts.dbFile ?? path.join(await mkdtemp(path.join(os.tmpdir(), 'cairn-temporal-')), 'temporal.db');
  return retried(async () => {
    const port = await freePort();
    const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile, '--log-level', 'error'];
    if (opts.fast) args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
    return spawnServer(cli, args, port, 60_000);
  });
}
