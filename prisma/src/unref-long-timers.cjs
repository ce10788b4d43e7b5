// Preloaded into the Prisma CLI by migrate.ts. Prisma 6.19's WASM schema engine leaves a 10 s timer
// behind after `migrate deploy` has finished, so the CLI process idles 10 s before it exits. Long
// timers are unref'd: they still fire if the CLI is busy, but no longer keep a finished CLI alive.
const original = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(fn, ms, ...args) {
  const timer = original.call(this, fn, ms, ...args);
  if (typeof ms === 'number' && ms >= 5000 && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
};
