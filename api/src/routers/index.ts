/** The API's tRPC router. The editor imports `AppRouter` (a type) for its client. */
import { loadCatalog } from '../journeys/catalog.js';
import { createCallerFactory, publicProcedure, router } from '../trpc.js';
import { customersRouter } from './customers.js';
import { journeysRouter } from './journeys.js';
import { messagesRouter } from './messages.js';
import { policyRouter } from './policy.js';
import { suppressionsRouter } from './suppressions.js';
import { templatesRouter } from './templates.js';
import { writeKeysRouter } from './write-keys.js';

export const appRouter = router({
  journeys: journeysRouter,
  customers: customersRouter,
  messages: messagesRouter,
  suppressions: suppressionsRouter,
  policy: policyRouter,
  writeKeys: writeKeysRouter,
  templates: templatesRouter,
  /** Attributes and events seen in the workspace (for the editor's pickers and checks). */
  catalog: publicProcedure.query(({ ctx }) => loadCatalog(ctx.db)),
});

export type AppRouter = typeof appRouter;

/** `createCaller(ctx)` runs procedures in-process (tests, scripts). */
export const createCaller = createCallerFactory(appRouter);
