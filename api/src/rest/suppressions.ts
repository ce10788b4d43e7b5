/**
 * REST: suppressions — list, add, remove with a reason. The same inputs and writers as
 * routers/suppressions.ts (policy/suppressions.ts); effective for the very next send.
 */
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';
import { addSuppression, CustomerRef, ListSuppressionsInput, listSuppressions, RemoveSuppressionInput, removeSuppression, SuppressionFields } from '../policy/suppressions.js';
import { Suppression, suppressionOut } from './shapes.js';

const tags = ['suppressions'];

export const restSuppressions = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/suppressions', tags, summary: 'Suppressions, newest first (active by default), with a cursor for the next page', protect: true } })
    .input(ListSuppressionsInput)
    .output(z.object({ items: z.array(Suppression), nextCursor: z.string().optional() }))
    .query(async ({ ctx, input }) => {
      const page = await listSuppressions(ctx.db, input);
      return { items: page.items.map(suppressionOut), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    }),

  add: authedProcedure
    .meta({
      openapi: {
        method: 'POST', path: '/suppressions', tags, protect: true,
        summary: 'Suppresses a customer, named by customerId, email or phone (every customer with that address)',
        description: 'Idempotent: an active suppression with the same channel and reason is returned instead of a second one.',
      },
    })
    .input(z.object({ ...CustomerRef.shape, ...SuppressionFields.shape }))
    .output(z.object({ suppressions: z.array(Suppression) }))
    .mutation(async ({ ctx, input }) => ({ suppressions: (await addSuppression(ctx.db, input)).map(suppressionOut) })),

  remove: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/suppressions/{id}/remove', tags, summary: 'Lifts a suppression (the row is kept, marked removed, with the reason)', protect: true } })
    .input(RemoveSuppressionInput.omit({ by: true }))
    .output(Suppression)
    .mutation(async ({ ctx, input }) => suppressionOut(await removeSuppression(ctx.db, { ...input, by: ctx.user.email }, ctx.clock.now()))),
});
