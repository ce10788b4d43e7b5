/**
 * tRPC setup: the context every procedure gets, errors that carry journey problems, and the
 * procedure kinds: `publicProcedure` (only the auth router's sign-in and session use it),
 * `authedProcedure` (everything else: a signed-in user) and `adminProcedure` (user management).
 * A request may instead carry an API key: every procedure then checks the key's scope first.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Db } from '@cairn/db';
import type { Channels } from '@cairn/engine/runtime';
import { clientErrorShape, ProblemsError } from './errors.js';
import type { JourneyRunner } from './enrol/runner.js';
import type { SessionUser } from './auth/sessions.js';
import type { ApiKeyPrincipal } from './auth/api-keys.js';
import { requireScope } from './auth/scopes.js';
import type { SignInThrottle } from './auth/throttle.js';
import { screenInput } from './validation/screen.js';

export interface Clock {
  now(): number;
}

/** What a procedure knows of the HTTP request it answers (absent for in-process `createCaller`). */
export interface HttpAuth {
  /** Whether the session cookie is set with Secure (and the __Host- prefix). */
  secure: boolean;
  setCookie(value: string): void;
  /** The session that signed this request in, if any (its id, the token's hash). */
  sessionId?: string;
  address: string;
  userAgent: string;
  throttle: SignInThrottle;
}

export interface ApiContext {
  db: Db;
  runner: JourneyRunner;
  clock: Clock;
  /** The signed-in user. Over HTTP it comes from the session cookie; in-process callers pass it. */
  user?: SessionUser | undefined;
  http?: HttpAuth | undefined;
  /** The API key the request came with (then `user` is the key's own, see auth/api-keys.ts). */
  apiKey?: ApiKeyPrincipal | undefined;
  /** Why a request that tried to sign in (a bad API key) is not signed in. */
  authProblem?: string | undefined;
  /** The channel providers (the Channels page, test sends); absent in callers that do not send. */
  channels?: Channels | undefined;
}

export { ProblemsError };

// `meta` carries the REST route of the procedures served at /api (rest/, trpc-to-openapi).
const t = initTRPC.context<ApiContext>().meta<OpenApiMeta>().create({
  // Never development mode: it would add stack traces to what clients see (errors.ts).
  isDev: false,
  errorFormatter: clientErrorShape,
});

export const router = t.router;

/**
 * Every procedure starts here: its raw input is screened (validation/screen.ts) before anything
 * else, signed in or not, so no control character, lone surrogate or runaway nesting reaches a
 * schema, the database or a recursive walk.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, path, type, getRawInput, next }) => {
  // A call with an API key needs the procedure's scope (auth/scopes.ts), before anything else.
  if (ctx.apiKey) requireScope(ctx.apiKey, path, type);
  screenInput(await getRawInput());
  return next();
});

/** A signed-in user: the API refuses every other call with UNAUTHORIZED. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem ?? 'sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Admins only: users, keys, channels. The refusal names what was asked (`users.create`, `channels.update`…). */
export const adminProcedure = authedProcedure.use(({ ctx, next, path }) => {
  if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: `only an admin can do this (${path})` });
  return next({ ctx });
});
export const createCallerFactory = t.createCallerFactory;
