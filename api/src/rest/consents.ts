/**
 * REST: consent records per topic and channel (the newest record for a topic and channel wins at
 * send time). Twins of routers/policy.ts `consents` and `recordConsent`, under the same names.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Channel, SuppressionChannel, Topic } from '@cairn/core';
import { authedProcedure, router } from '../trpc.js';
import { line } from '../validation/text.js';
import { iso } from './shapes.js';

const tags = ['consent'];
const CustomerId = line({ min: 1, max: 256 });
const Consent = z.object({ id: z.string(), customerId: z.string(), topic: z.string(), channel: z.string(), status: z.enum(['granted', 'refused']), source: z.string(), createdAt: z.string() });
const out = (c: { id: string; customerId: string; topic: string; channel: string; status: string; source: string; createdAt: Date }) => ({
  id: c.id, customerId: c.customerId, topic: c.topic, channel: c.channel, status: c.status as 'granted' | 'refused', source: c.source, createdAt: iso(c.createdAt),
});

export const restConsents = router({
  consents: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/customers/{customerId}/consents', tags, summary: 'The customer\'s consent records, newest first', protect: true } })
    .input(z.object({ customerId: CustomerId, topic: Topic.optional(), channel: Channel.optional() }))
    .output(z.object({ consents: z.array(Consent) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.consent.findMany({
        where: { customerId: input.customerId, ...(input.topic ? { topic: input.topic } : {}), ...(input.channel ? { channel: { in: [input.channel, 'all'] } } : {}) },
        orderBy: { createdAt: 'desc' },
        take: 500,
      });
      return { consents: rows.map(out) };
    }),

  recordConsent: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/customers/{customerId}/consents', tags, summary: 'Records that the customer granted or refused a topic on a channel', protect: true } })
    .input(z.object({ customerId: CustomerId, topic: Topic, channel: SuppressionChannel, status: z.enum(['granted', 'refused']), source: line({ min: 1, max: 200 }).default('api') }))
    .output(Consent)
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } }))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `no customer ${input.customerId}` });
      }
      return out(await ctx.db.consent.create({ data: input }));
    }),
});
