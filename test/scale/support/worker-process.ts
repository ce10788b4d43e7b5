/**
 * A Cairn worker in its own OS process, started the way `npm run worker` starts it (the engine's
 * src/worker/main.ts under tsx, settings from the environment only). Node is started directly
 * rather than through npm, so the pid we hold is the worker's own and SIGKILL reaches it, not a
 * wrapper that would leave the worker running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../engine/support/tools.js';

export interface WorkerProcess {
  name: string;
  pid: number;
  /** The Temporal worker identity the SDK gives it by default: `${pid}@${hostname}`. */
  identity: string;
  /** The last lines it printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  kill(signal: NodeJS.Signals): void;
  alive(): boolean;
}

// Workers still running when the test process exits (a crash, a failed teardown) go with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export function startWorkerProcess(name: string, settings: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker/main.ts'], {
    cwd: path.join(repoRoot, 'engine'),
    // The settings a deployment would give it, and nothing of the test runner's environment.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`worker ${name} did not start`);
  running.add(child);
  const lines: string[] = [];
  const keep = (b: Buffer) => {
    lines.push(...b.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(signal ?? `exit code ${code}`);
    });
  });
  return {
    name,
    pid: child.pid,
    identity: `${child.pid}@${os.hostname()}`,
    output: () => lines.join('\n'),
    exited,
    kill: (signal) => void child.kill(signal),
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Stops a worker: SIGTERM (it drains and exits), SIGKILL when it takes longer than `graceMs`. */
export async function stopWorkerProcess(w: WorkerProcess, graceMs = 10_000): Promise<void> {
  if (!w.alive()) return;
  w.kill('SIGTERM');
  const timer = setTimeout(() => w.kill('SIGKILL'), graceMs);
  await w.exited;
  clearTimeout(timer);
}
