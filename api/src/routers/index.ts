/** The API's tRPC router. The editor imports `AppRouter` (a type) for its client. */
import { describeExtensions } from '@cairn/core';
import { loadCatalog } from '../journeys/catalog.js';
import { authedProcedure, createCallerFactory, router } from '../trpc.js';
import { apiKeysRouter } from './api-keys.js';
import { authRouter } from './auth.js';
import { broadcastsRouter } from './broadcasts.js';
import { channelsRouter } from './channels.js';
import { customersRouter } from './customers.js';
import { identityRouter } from './identity.js';
import { journeysRouter } from './journeys.js';
import { messagesRouter } from './messages.js';
import { policyRouter } from './policy.js';
import { resultsRouter } from './results.js';
import { salesRouter } from './sales.js';
import { segmentsRouter } from './segments.js';
import { suppressionsRouter } from './suppressions.js';
import { templatesRouter } from './templates.js';
import { usersRouter } from './users.js';
import { writeKeysRouter } from './write-keys.js';

export const appRouter = router({
  /** Sign in and out: the only calls open without a session. */
  auth: authRouter,
  users: usersRouter,
  journeys: journeysRouter,
  customers: customersRouter,
  /** One customer per person: merge by email or phone, possible duplicates, un-merge (docs/identity.md). */
  identity: identityRouter,
  /** One-off messages to an audience (issue 17). */
  broadcasts: broadcastsRouter,
  messages: messagesRouter,
  suppressions: suppressionsRouter,
  policy: policyRouter,
  writeKeys: writeKeysRouter,
  apiKeys: apiKeysRouter,
  templates: templatesRouter,
  /** Channel providers and their settings (admins). */
  channels: channelsRouter,
  results: resultsRouter,
  /** The sales handoff: reps' tasks, outcomes, figures (docs/sales-handoff.md). */
  sales: salesRouter,
  /** Saved segments (docs/segments.md). */
  segments: segmentsRouter,
  /** Attributes and events seen in the workspace (for the editor's pickers and checks). */
  catalog: authedProcedure.query(({ ctx }) => loadCatalog(ctx.db)),
  /** The custom actions, conditions and triggers this server runs, as data: the editor registers those its build lacks. */
  extensions: authedProcedure.query(() => describeExtensions()),
});

export type AppRouter = typeof appRouter;

/** `createCaller(ctx)` runs procedures in-process (tests, scripts). */
export const createCaller = createCallerFactory(appRouter);
