/**
 * Stopping a service a previous run left behind when it was killed hard (SIGKILL, a crash): the
 * embedded PostgreSQL here, the Temporal dev server in the API's launcher. The pid comes from the
 * service's pid file; it is signalled only if its command line still matches (pids are reused).
 */
import { readFile } from 'node:fs/promises';

export interface OrphanOptions {
  /** The first line of this file is the pid (postmaster.pid, or a file the launcher wrote). */
  pidFile: string;
  /** Whether the process's argv (from /proc) is still that service. */
  matches(argv: string[]): boolean;
  /** The service's clean-shutdown signal (PostgreSQL: SIGINT, fast shutdown). */
  signal: NodeJS.Signals;
  /** How long to wait for it to exit. */
  waitMs: number;
}

/** Returns true when a left-over process was found and signalled. */
export async function stopOrphan(opts: OrphanOptions): Promise<boolean> {
  const pid = Number((await readFile(opts.pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  if (!opts.matches(argv)) return false;
  process.kill(pid, opts.signal);
  for (const until = Date.now() + opts.waitMs; alive(pid) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
