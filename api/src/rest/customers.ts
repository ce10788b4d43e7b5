/** REST: customers — search and get (with active suppressions). Twins of routers/customers.ts. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';
import { escapeLike } from '../validation/like.js';
import { line } from '../validation/text.js';
import { Customer, customerOut, Suppression, suppressionOut } from './shapes.js';

const tags = ['customers'];

export const restCustomers = router({
  search: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/customers', tags, summary: 'Customers whose id or email contains `query`, most recently updated first', protect: true } })
    .input(z.object({ query: line({ max: 200 }).default(''), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.object({ customers: z.array(Customer) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.customer.findMany({
        where: {
          mergedInto: null,
          ...(input.query ? { OR: [{ id: { contains: escapeLike(input.query), mode: 'insensitive' } }, { email: { contains: escapeLike(input.query), mode: 'insensitive' } }] } : {}),
        },
        orderBy: { updatedAt: 'desc' },
        take: input.limit,
      });
      return { customers: rows.map(customerOut) };
    }),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/customers/{id}', tags, summary: 'A customer\'s profile and active suppressions', protect: true } })
    .input(z.object({ id: line({ min: 1, max: 256 }) }))
    .output(Customer.extend({ suppressions: z.array(Suppression) }))
    .query(async ({ ctx, input }) => {
      const c = await ctx.db.customer.findUnique({ where: { id: input.id }, include: { suppressions: { where: { removedAt: null }, orderBy: { createdAt: 'desc' } } } });
      if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${input.id}"` });
      return { ...customerOut(c), suppressions: c.suppressions.map(suppressionOut) };
    }),
});
