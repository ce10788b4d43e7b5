/** tRPC: write keys for the ingest endpoints — list, create, revoke (revoked keys stop within 10 s). */
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';
import { line } from '../validation/text.js';

export const writeKeysRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.db.writeKey.findMany({ orderBy: { createdAt: 'asc' } })),

  create: authedProcedure.input(z.object({ name: line({ min: 1, max: 120 }) })).mutation(({ ctx, input }) =>
    ctx.db.writeKey.create({ data: { name: input.name, key: `wk_${randomBytes(20).toString('hex')}` } }),
  ),

  revoke: authedProcedure.input(z.object({ id: line({ min: 1, max: 100 }) })).mutation(async ({ ctx, input }) => {
    const found = await ctx.db.writeKey.findUnique({ where: { id: input.id } });
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such write key' });
    return ctx.db.writeKey.update({ where: { id: input.id }, data: { revokedAt: found.revokedAt ?? new Date(ctx.clock.now()) } });
  }),
});
