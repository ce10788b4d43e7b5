/** tRPC setup: the context every procedure gets, and errors that carry journey problems. */
import { initTRPC } from '@trpc/server';
import type { Db } from '@cairn/db';
import type { Problem } from '@cairn/engine';
import type { JourneyRunner } from './enrol/runner.js';

export interface Clock {
  now(): number;
}

export interface ApiContext {
  db: Db;
  runner: JourneyRunner;
  clock: Clock;
}

/** A TRPCError `cause` that carries the problems a request was refused for (publish, save). */
export class ProblemsError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const problems = error.cause instanceof ProblemsError ? error.cause.problems : undefined;
    return { ...shape, data: { ...shape.data, ...(problems ? { problems } : {}) } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
