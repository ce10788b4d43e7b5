/**
 * tRPC: policy — the workspace's delivery settings (time zone, quiet hours, caps, topics), consent
 * records, and "why was this customer not messaged by this node?".
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Channel, PolicySettings, SuppressionChannel, Topic } from '@cairn/core';
import { loadPolicySettings, POLICY_SETTINGS_KEY } from '@cairn/engine/runtime';
import { authedProcedure, router } from '../trpc.js';
import { whyNotMessaged } from '../policy/why.js';
import { whyNotEntered } from '../journeys/why-not-entered.js';
import { line } from '../validation/text.js';

const CustomerId = line({ min: 1, max: 256 });

export const policyRouter = router({
  settings: authedProcedure.query(({ ctx }) => loadPolicySettings(ctx.db)),
  /** Replaces the settings; applies to the next send of every journey, no republishing. */
  saveSettings: authedProcedure.input(PolicySettings).mutation(async ({ ctx, input }) => {
    await ctx.db.workspaceSetting.upsert({ where: { key: POLICY_SETTINGS_KEY }, create: { key: POLICY_SETTINGS_KEY, value: input }, update: { value: input } });
    return input;
  }),
  recordConsent: authedProcedure
    .input(z.object({ customerId: CustomerId, topic: Topic, channel: SuppressionChannel, status: z.enum(['granted', 'refused']), source: line({ min: 1, max: 200 }).default('api') }))
    .mutation(async ({ ctx, input }) => {
      // Checked first: an unknown customer would otherwise fail the foreign key (a 500).
      if (!(await ctx.db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } }))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `no customer ${input.customerId}` });
      }
      return ctx.db.consent.create({ data: input });
    }),
  consents: authedProcedure
    .input(z.object({ customerId: CustomerId, topic: Topic.optional(), channel: Channel.optional() }))
    .query(({ ctx, input }) =>
      ctx.db.consent.findMany({
        where: { customerId: input.customerId, ...(input.topic ? { topic: input.topic } : {}), ...(input.channel ? { channel: { in: [input.channel, 'all'] } } : {}) },
        orderBy: { createdAt: 'desc' },
        take: 500,
      }),
    ),
  whyNot: authedProcedure
    .input(z.object({ customerId: CustomerId, journeyId: line({ min: 1, max: 64 }), nodeId: line({ min: 1, max: 64 }) }))
    .query(({ ctx, input }) => whyNotMessaged(ctx.db, input, ctx.clock.now())),
  /** Why the customer did not enter a journey: its state, the entry rules, and what each trigger waits for against what they did. */
  whyNotEntered: authedProcedure
    .input(z.object({ customerId: CustomerId, journeyId: line({ min: 1, max: 64 }) }))
    .query(({ ctx, input }) => whyNotEntered(ctx.db, input, ctx.clock.now())),
});
