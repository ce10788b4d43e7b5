/**
 * The embedded default: sends nothing. The rendered message stays on its message row (viewable
 * through the API), so a fresh install shows exactly what would have gone out.
 */
import { z } from 'zod';
import { Channel } from '@cairn/core/internal/journey/primitives';
import { defineProvider } from '../define-provider.js';

export const logProviderDefinition = defineProvider({
  name: 'log',
  title: 'Log only',
  description: 'Sends nothing: the message is kept on its row, to read in Cairn.',
  channels: Channel.options,
  env: z.object({}),
  settings: z.object({}),
  create: () => ({
    async send(message) {
      return { providerId: `log:${message.idempotencyKey}` };
    },
  }),
});
