/**
 * Runs a command while CPU hogs keep every core busy, to prove the integration and e2e suites hold
 * on a loaded machine (CI shares its machine; a busy one once made stack start-up wait forever).
 *
 *   node --import tsx test/load/under-load.ts [--per-core 3] [--max-seconds 1800] -- <command...>
 *
 * Starts `per-core` busy-looping processes per core (default 3: on 2 cores a load average of
 * about 7 with the tests themselves, the figure that broke start-up before), at normal priority so
 * they compete with the tests as other users' jobs would. The hogs stop when the command ends or
 * after `max-seconds`, whichever comes first (bounded: a forgotten hog never outlives its run).
 * Exits with the command's exit code; prints the load average seen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';

function option(name: string, fallback: number, args: string[]): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} wants a positive number, got ${args[i + 1]}`);
  return v;
}

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
if (sep < 0 || sep === argv.length - 1) {
  console.error('usage: under-load.ts [--per-core N] [--max-seconds S] -- <command...>');
  process.exit(2);
}
const own = argv.slice(0, sep);
const command = argv.slice(sep + 1);
const perCore = option('per-core', 3, own);
const maxSeconds = option('max-seconds', 1800, own);
const cores = os.availableParallelism();
const count = Math.max(1, Math.round(perCore * cores));

// Each hog is a separate process (not a worker thread) so the OS schedules it like any other job,
// and each ends itself after max-seconds even if this script is killed hard.
const hogSource = `const end = Date.now() + ${Math.round(maxSeconds * 1000)}; let x = 0; while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x = (x * 31 + i) | 0; }`;
const hogs: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ['-e', hogSource], { stdio: 'ignore' }));
const stopHogs = () => {
  for (const h of hogs) if (h.exitCode === null) h.kill('SIGKILL');
};
process.once('exit', stopHogs);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => (stopHogs(), process.exit(130)));

const loads: number[] = [];
const sampler = setInterval(() => loads.push(os.loadavg()[0] ?? 0), 5_000);
console.log(`under-load: ${count} CPU hogs on ${cores} cores for at most ${maxSeconds} s; running: ${command.join(' ')}`);
const started = Date.now();
const child = spawn(command[0] as string, command.slice(1), { stdio: 'inherit' });
const code = await new Promise<number>((resolve) => {
  child.once('error', (err) => (console.error(`under-load: ${err.message}`), resolve(127)));
  child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
});
clearInterval(sampler);
stopHogs();
const mean = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : os.loadavg()[0] ?? 0;
const peak = loads.length ? Math.max(...loads) : mean;
console.log(`under-load: the command exited with ${code} after ${Math.round((Date.now() - started) / 1000)} s; load average mean ${mean.toFixed(1)}, peak ${peak.toFixed(1)}`);
process.exit(code);
