/**
 * A custom action defined outside the repository, as an engineer's own module would be; the
 * editor build, the API and the worker load it through CAIRN_ACTIONS.
 */
import { defineAction, registerAction } from '@cairn/core';
import { z } from 'zod';

export const loyaltyPoints = defineAction({
  type: 'fixture.loyaltyPoints',
  title: 'Award loyalty points',
  description: 'Adds points to the customer in the loyalty system.',
  category: 'Loyalty',
  icon: 'star',
  config: z.object({
    points: z.number().int().min(1, 'award at least 1 point').default(100),
    reason: z.string().min(1, 'say why the points are awarded').default('Thank you'),
  }),
  outputs: ['awarded', 'failed'],
  failureOutput: 'failed',
  async run(_ctx, config) {
    return { output: 'awarded', attributes: { loyaltyPoints: config.points } };
  },
  simulate: (_ctx, config) => ({ output: 'awarded', reason: `would award ${config.points} points`, attributes: { loyaltyPoints: config.points } }),
});

registerAction(loyaltyPoints as never);
