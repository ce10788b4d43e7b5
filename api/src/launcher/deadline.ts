/**
 * Every start-up step has a deadline: on a busy machine a step may be slow, but one that never
 * finishes must fail with a message that names it, not leave `npm start` (or a test's hook)
 * waiting forever.
 */
export class StartupStepError extends Error {
  constructor(
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StartupStepError';
  }
}

/**
 * Runs `work` as the start-up step `name`, failing after `ms` with "start-up step "<name>" did
 * not finish within N s". A step's own failure is rethrown with the step's name in front.
 */
export async function step<T>(name: string, ms: number, work: () => Promise<T>, done?: (line: string) => void): Promise<T> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StartupStepError(name, `start-up step "${name}" did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  try {
    const result = await Promise.race([work(), deadline]);
    done?.(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (err) {
    if (err instanceof StartupStepError) throw err;
    throw new StartupStepError(name, `start-up step "${name}" failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** Deadlines per step, sized for a 2-core machine with a load average near 7 (measured there). */
export const STEP_DEADLINES_MS = {
  postgres: 150_000, // its own readiness deadline (120 s) fires first, with the server's log
  migrations: 120_000,
  firstAdmin: 60_000,
  temporalCli: 30 * 60_000, // may build from Go: minutes, with progress printed
  temporalServer: 200_000, // up to 3 tries of 60 s each when it exits at start
  temporalClient: 60_000,
  worker: 180_000, // bundles the workflow code (webpack) unless a bundle is cached
  httpServer: 30_000,
  writeKey: 30_000,
} as const;
