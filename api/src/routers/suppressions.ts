/** tRPC: suppressions — add, remove with a reason, list / search, CSV import with progress and per-row errors. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';
import { ImportInput, importSuppressions } from '../policy/import.js';
import { AddSuppressionInput, addSuppression, ListSuppressionsInput, listSuppressions, RemoveSuppressionInput, removeSuppression } from '../policy/suppressions.js';
import { line } from '../validation/text.js';

export const suppressionsRouter = router({
  /** Effective for the very next send of any journey (read inside the send transaction). */
  add: authedProcedure.input(AddSuppressionInput).mutation(({ ctx, input }) => addSuppression(ctx.db, input)),
  /** `by` defaults to the signed-in user: the audit trail names who lifted a suppression. */
  remove: authedProcedure
    .input(RemoveSuppressionInput)
    .mutation(({ ctx, input }) => removeSuppression(ctx.db, { ...input, by: input.by === 'api' ? ctx.user.email : input.by }, ctx.clock.now())),
  list: authedProcedure.input(ListSuppressionsInput).query(({ ctx, input }) => listSuppressions(ctx.db, input)),
  /** Validates the whole file first; applies every row in one transaction or none. */
  import: authedProcedure.input(ImportInput).mutation(({ ctx, input }) => importSuppressions(ctx.db, input)),
  /** Progress and errors of an import (poll while `import` runs). */
  importStatus: authedProcedure.input(z.object({ id: line({ min: 1, max: 100 }) })).query(async ({ ctx, input }) => {
    const row = await ctx.db.suppressionImport.findUnique({ where: { id: input.id } });
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `no import ${input.id}` });
    return row;
  }),
  imports: authedProcedure.query(({ ctx }) => ctx.db.suppressionImport.findMany({ orderBy: { createdAt: 'desc' }, take: 50 })),
});
