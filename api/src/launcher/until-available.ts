/**
 * Retries a connection to a server that is still starting. The Temporal dev server accepts TCP
 * connections before its frontend is healthy: under load (a busy CI machine) the first
 * GetSystemInfo answered "The service is currently unavailable: Frontend is not healthy yet" and
 * the start-up failed. A connection reset while it starts (the pre-landing run under load:
 * "transport error ... ConnectionReset") is the same story. Only those answers are retried; any
 * other error fails at once, and the surrounding step's deadline still bounds the whole wait.
 */
const STARTING = /unavailable|not healthy|ECONNREFUSED|ECONNRESET|ConnectionReset/i;

export async function untilAvailable<T>(connect: () => Promise<T>, opts: { untilMs: number; pauseMs?: number; now?: () => number }): Promise<T> {
  const now = opts.now ?? Date.now;
  const pause = opts.pauseMs ?? 250;
  for (;;) {
    try {
      return await connect();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!STARTING.test(message) || now() + pause > opts.untilMs) throw err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
