/** tRPC: customers — search, profile and timeline (events, journeys, messages). */
import { timelineItems } from '../customers/timeline.js';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';
import { escapeLike } from '../validation/like.js';
import { line } from '../validation/text.js';
import { listCustomers, ListInput } from '../customers/list.js';

const CustomerId = z.object({ id: line({ min: 1, max: 256 }) });

export const customersRouter = router({
  /**
   * The customer list: a page of customers matching the filter (id, email or phone contains the
   * query; `plan=pro` or `attribute` for an attribute), in id order. `next` is the `after` of the
   * following page (null on the last). Merged profiles are not listed (customers/list.ts).
   */
  list: authedProcedure.input(ListInput).query(({ ctx, input }) => listCustomers(ctx.db, input)),

  /**
   * Starts a CSV import: the file then goes to POST /upload/customers/<id> (customers/http.ts),
   * and `importStatus` reports its progress and, when refused, its row errors.
   */
  importStart: authedProcedure
    .input(z.object({ fileName: line({ max: 300 }).default('') }))
    .mutation(({ ctx, input }) => ctx.db.customerImport.create({ data: { fileName: input.fileName, createdBy: ctx.user.email } })),

  /** An import's progress (rows read), outcome and row errors. */
  importStatus: authedProcedure.input(CustomerId).query(async ({ ctx, input }) => {
    const job = await ctx.db.customerImport.findUnique({ where: { id: input.id } });
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: `no import "${input.id}"` });
    return job;
  }),

  /**
   * Customers whose id or email contains `query` (most recently updated first; `%` and `_` match
   * themselves). Profiles merged into another are not listed: the surviving one is.
   */
  search: authedProcedure
    .input(z.object({ query: line({ max: 200 }).default(''), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) =>
      ctx.db.customer.findMany({
        where: {
          mergedInto: null,
          ...(input.query
            ? {
                // By id, email or phone (issue 12: the customer search); matched anywhere, case-blind.
                OR: (['id', 'email', 'phone'] as const).map((field) => ({ [field]: { contains: escapeLike(input.query), mode: 'insensitive' as const } })),
              }
            : {}),
        },
        orderBy: { updatedAt: 'desc' },
        take: input.limit,
      }),
    ),

  /** The profile; an id merged into another answers with the surviving profile (its `id` differs). */
  get: authedProcedure.input(CustomerId).query(async ({ ctx, input }) => {
    const pointer = await ctx.db.customer.findUnique({ where: { id: input.id }, select: { mergedInto: true } });
    const c = await ctx.db.customer.findUnique({
      where: { id: pointer?.mergedInto ?? input.id },
      include: { suppressions: { where: { removedAt: null }, orderBy: { createdAt: 'desc' } } },
    });
    if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${input.id}"` });
    return c;
  }),

  /** Everything that happened to the customer, newest first, plus the three lists it merges. */
  timeline: authedProcedure
    .input(CustomerId.extend({ limit: z.number().int().min(1).max(1000).default(200) }))
    .query(async ({ ctx, input }) => {
      const c = await ctx.db.customer.findUnique({ where: { id: input.id }, select: { id: true } });
      if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${input.id}"` });
      const [events, enrolments, messages] = await Promise.all([
        ctx.db.event.findMany({ where: { customerId: input.id }, orderBy: { timestamp: 'desc' }, take: input.limit }),
        ctx.db.enrolment.findMany({
          where: { customerId: input.id },
          orderBy: { enteredAt: 'desc' },
          take: input.limit,
          include: { journey: { select: { name: true } } },
        }),
        ctx.db.message.findMany({ where: { customerId: input.id }, orderBy: { createdAt: 'desc' }, take: input.limit, include: { journey: { select: { name: true } } } }),
      ]);
      // In words (customers/timeline.ts); each item keeps its facts as fields, so nothing parses a title back.
      const items = timelineItems(events, enrolments, messages, input.limit);
      return { items, events, enrolments, messages };
    }),
});
