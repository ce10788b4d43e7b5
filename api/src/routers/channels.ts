/**
 * tRPC: channels — which provider carries each channel, its settings and inbound URLs (the
 * Channels page), and "send a test to me". Admins only: a channel's provider decides where every
 * customer's messages go. Secrets are never here: providers read them from the environment.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Channel } from '@cairn/core';
import { channelOf, ChannelSettingsError, type Channels } from '@cairn/engine/runtime';
import { adminProcedure, authedProcedure, router } from '../trpc.js';
import { messageNodeOf, previewEmail, sampleOf, sendTest, TestMessageError } from '../channels/test-send.js';
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
  /**
   * Sends a test to the signed-in user: the channel's own test text, or a message step of the
   * editor (`node`) rendered for its sample customer (`sample`). Email goes to the user's own
   * address only; SMS, push and chat to the address given. Any signed-in user may test.
   */
  sendTest: authedProcedure
    .input(z.object({ channel: Channel.optional(), to: line({ min: 3, max: 2000 }).optional(), node: z.unknown().optional(), sample: z.record(z.string(), z.unknown()).optional() }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.clock.now();
      const step = input.node === undefined ? undefined : { node: testable(() => messageNodeOf(input.node)), sample: sampleOf(input.sample, now) };
      const channel = step ? channelOf(step.node) : input.channel;
      if (!channel) throw new TRPCError({ code: 'BAD_REQUEST', message: 'name the channel, or give the step to test' });
      if (channel === 'email' && input.to !== undefined && input.to.toLowerCase() !== ctx.user.email.toLowerCase()) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `a test email goes to your own address (${ctx.user.email}) only` });
      }
      const to = channel === 'email' ? ctx.user.email : input.to;
      if (!to) throw new TRPCError({ code: 'BAD_REQUEST', message: `give the ${channel === 'sms' ? 'phone number' : 'address'} to send the test to` });
      return sendTest({ db: ctx.db, channels: channelsOf(ctx), clock: ctx.clock }, ctx.user, channel, to, step);
    }),
  /** An email step rendered for the sample customer: its HTML (MJML) and plain text, sending nothing. */
  previewEmail: authedProcedure.input(z.object({ node: z.unknown(), sample: z.record(z.string(), z.unknown()).optional() })).mutation(async ({ ctx, input }) => {
    const node = testable(() => messageNodeOf(input.node));
    try {
      return await previewEmail(node, sampleOf(input.sample, ctx.clock.now()));
    } catch (err) {
      if (err instanceof TestMessageError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
      throw err;
    }
  }),
});

function testable<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof TestMessageError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
    throw err;
  }
}
