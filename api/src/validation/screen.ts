/**
 * The first check of every tRPC call, before its own input schema: the raw input must be JSON
 * that PostgreSQL can store (no NUL or other control character but tab and line breaks, no lone
 * surrogate, anywhere, keys included) and nested at most 64 levels (journey drafts are the
 * deepest input, about 10). Each procedure's schema then applies its own, tighter rules.
 * Refusals have tRPC's own input-error shape (BAD_REQUEST, the message a JSON list of zod issues
 * with their paths), so clients read them like any other invalid input.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { jsonProblems } from './json.js';

export const TRPC_MAX_DEPTH = 64;
/** Above the largest input a procedure takes (a 50 MB suppression CSV). */
export const TRPC_MAX_BYTES = 64 * 1024 * 1024;

export function screenInput(raw: unknown): void {
  if (raw === undefined) return;
  const problems = jsonProblems(raw, { maxDepth: TRPC_MAX_DEPTH, maxBytes: TRPC_MAX_BYTES });
  if (!problems.length) return;
  const error = new z.ZodError(problems.map((p) => ({ code: 'custom' as const, path: p.path, message: p.message, input: undefined })));
  throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
}
