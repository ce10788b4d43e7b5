/**
 * @cairn/api — tRPC routers, Segment-compatible ingest and the HTTP server. `npm start` runs
 * launcher/main.ts; tests build the server with `createApiServer` or call routers through
 * `createCaller`.
 */
export { appRouter, createCaller } from './routers/index.js';
export type { AppRouter } from './routers/index.js';
export type { ApiContext, Clock } from './trpc.js';
export { createApiServer } from './http/server.js';
export type { ApiServerOptions } from './http/server.js';
export { staticFiles } from './http/static.js';
export { checkHealth } from './http/health.js';
export type { Health } from './http/health.js';
export type { JourneyRunner, RunnerSignal, ServiceHealth } from './enrol/runner.js';
export { temporalRunner } from './enrol/temporal-runner.js';
export { routeRows } from './enrol/route.js';
export { sweepUnrouted } from './enrol/sweep.js';
export { runSchedules, claimDueRuns, executeRun } from './schedule/fire.js';
export { lastDueFire } from './schedule/due.js';
export { ensureDevelopmentWriteKey } from './ingest/auth.js';
export { parseApiEnv, SettingsError } from './env.js';
export type { ApiEnv } from './env.js';
export type { JourneyCounts, NodeCounts } from './journeys/counts.js';
export { startCairn } from './launcher/start.js';
export type { Cairn } from './launcher/start.js';
export { createUser, ensureFirstAdmin, normalizeEmail } from './auth/users.js';
export type { FirstAdmin, NewUser } from './auth/users.js';
export type { SessionUser, Role } from './auth/sessions.js';
export { hashPassword, verifyPassword } from './auth/password.js';
export { SECURE_NAME as SESSION_COOKIE } from './auth/cookies.js';
