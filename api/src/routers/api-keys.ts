/**
 * tRPC: API keys (admins only) — list with last use, create (the token is in this one answer,
 * never again), revoke (at once), and the audit of a key's calls.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createApiKey, publicView } from '../auth/api-keys.js';
import { SCOPES } from '../auth/scopes.js';
import { adminProcedure, router } from '../trpc.js';
import { line } from '../validation/text.js';

const KeyId = z.object({ id: line({ min: 1, max: 100 }) });

export const apiKeysRouter = router({
  list: adminProcedure.query(async ({ ctx }) => (await ctx.db.apiKey.findMany({ orderBy: { createdAt: 'desc' } })).map(publicView)),

  create: adminProcedure
    .input(z.object({ name: line({ min: 1, max: 120 }), scopes: z.array(z.enum(SCOPES)).min(1, 'choose at least one scope') }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { ...input, createdBy: ctx.user.email }, ctx.clock.now())),

  revoke: adminProcedure.input(KeyId).mutation(async ({ ctx, input }) => {
    const found = await ctx.db.apiKey.findUnique({ where: { id: input.id } });
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such API key' });
    return publicView(await ctx.db.apiKey.update({ where: { id: input.id }, data: { revokedAt: found.revokedAt ?? new Date(ctx.clock.now()) } }));
  }),

  /** The key's most recent calls (the audit), newest first. */
  calls: adminProcedure.input(KeyId.extend({ limit: z.number().int().min(1).max(500).default(50) })).query(async ({ ctx, input }) => {
    const rows = await ctx.db.apiKeyCall.findMany({ where: { keyId: input.id }, orderBy: { at: 'desc' }, take: input.limit });
    return rows.map((r) => ({ id: String(r.id), route: r.route, procedure: r.procedure, status: r.status, outcome: r.outcome, at: r.at, durationMs: r.durationMs }));
  }),
});
