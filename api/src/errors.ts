/**
 * What a tRPC error may tell a client: a code, a message, the problems a request was refused for,
 * and nothing about the server. Never a stack trace (it names files and lines), whatever NODE_ENV
 * says, and never the text of an unexpected failure (a database error can quote SQL or data):
 * those are logged on the server (server.ts `onError`) and the client gets a plain sentence.
 */
import type { TRPCError } from '@trpc/server';
import type { Problem } from '@cairn/core';

/** A TRPCError `cause` that carries the problems a request was refused for (publish, save). */
export class ProblemsError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

export const INTERNAL_MESSAGE = 'something went wrong on the server; it has been logged';

interface Shape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string; stack?: string; [k: string]: unknown };
}

/** The error shape sent to clients (the tRPC `errorFormatter`). */
export function clientErrorShape<S extends Shape>({ shape, error }: { shape: S; error: TRPCError }): S & { data: { problems?: Problem[] } } {
  const problems = error.cause instanceof ProblemsError ? error.cause.problems : undefined;
  const { stack: _stack, ...data } = shape.data;
  const internal = error.code === 'INTERNAL_SERVER_ERROR';
  return {
    ...shape,
    message: internal ? INTERNAL_MESSAGE : shape.message,
    data: { ...data, ...(problems ? { problems } : {}) },
  };
}
