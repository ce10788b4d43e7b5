/**
 * tRPC: channels — which provider carries each channel, its settings and inbound URLs (the
 * Channels page), and "send a test to me". Admins only: a channel's provider decides where every
 * customer's messages go. Secrets are never here: providers read them from the environment.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Channel } from '@cairn/engine';
import { ChannelSettingsError, type Channels } from '@cairn/engine/runtime';
import { adminProcedure, router } from '../trpc.js';
import { sendTest } from '../channels/test-send.js';
import { line } from '../validation/text.js';

function channelsOf(ctx: { channels?: Channels | undefined }): Channels {
  if (!ctx.channels) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'this API process has no channel providers' });
  return ctx.channels;
}

export const channelsRouter = router({
  list: adminProcedure.query(async ({ ctx }) => ({ channels: await channelsOf(ctx).describe(), me: { email: ctx.user.email } })),
  /** Saves a channel's provider and settings; every worker uses them within seconds. */
  update: adminProcedure
    .input(z.object({ channel: Channel, provider: line({ min: 1, max: 64 }), settings: z.record(z.string().max(64), z.unknown()).default({}) }))
    .mutation(async ({ ctx, input }) => {
      try {
        await channelsOf(ctx).choose(input.channel, input.provider, input.settings, ctx.user.email);
      } catch (err) {
        if (err instanceof ChannelSettingsError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
      return (await channelsOf(ctx).describe()).find((c) => c.channel === input.channel);
    }),
  /** Sends a test message to the signed-in user's own address (their email, or the phone / token given). */
  sendTest: adminProcedure
    .input(z.object({ channel: Channel, to: line({ min: 3, max: 2000 }).optional() }))
    .mutation(async ({ ctx, input }) => {
      const to = input.to ?? (input.channel === 'email' ? ctx.user.email : undefined);
      if (!to) throw new TRPCError({ code: 'BAD_REQUEST', message: `give the ${input.channel === 'sms' ? 'phone number' : 'address'} to send the test to` });
      return sendTest({ db: ctx.db, channels: channelsOf(ctx), clock: ctx.clock }, ctx.user, input.channel, to);
    }),
});
