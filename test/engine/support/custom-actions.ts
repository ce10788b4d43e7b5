/**
 * Custom actions as an engineer would write them, registered for the engine tests. The worker's
 * workflow bundle imports this module too (`harness({ actions })`): the workflow and the
 * activities must know the same actions.
 */
import { defineAction, PermanentActionError, registerAction } from '@cairn/core';
import { z } from 'zod';

/** Calls a partner API that may fail; 3 attempts, 4xx permanent. */
export const flakyPartner = defineAction({
  type: 'fixture.partnerSync',
  title: 'Partner sync',
  description: 'Syncs the customer to a partner API.',
  config: z.object({ url: z.string().min(1) }),
  outputs: ['synced', 'failed'],
  failureOutput: 'failed',
  retry: { maximumAttempts: 3, initialIntervalMs: 200 },
  timeoutMs: 10_000,
  async run(ctx, config) {
    const res = await ctx.fetch(config.url, { method: 'POST', headers: { 'x-attempt': String(ctx.attempt) }, body: ctx.customer.id });
    if (res.status >= 400 && res.status < 500) throw new PermanentActionError(`partner refused: HTTP ${res.status}`);
    if (!res.ok) throw new Error(`partner unavailable: HTTP ${res.status}`);
    return { output: 'synced', reason: `synced on attempt ${ctx.attempt}`, attributes: { partnerSynced: true } };
  },
});

/** Contacts the customer (a chat template): it must pass the delivery policy. */
export const chatTemplate = defineAction({
  type: 'fixture.chatTemplate',
  title: 'Chat template',
  description: 'Sends an approved chat template through a partner API.',
  config: z.object({ url: z.string().min(1), template: z.string().min(1) }),
  outputs: ['sent', 'not-sent'],
  failureOutput: 'not-sent',
  contacts: { channel: 'chat', topic: 'promotions' },
  async run(ctx, config) {
    await ctx.fetch(config.url, { method: 'POST', body: JSON.stringify({ to: ctx.customer.id, template: config.template }) });
    return { output: 'sent', reason: `sent ${config.template}` };
  },
});

for (const a of [flakyPartner, chatTemplate]) registerAction(a as never);
