/** Posts a message to the team's chat (Slack, Google Chat, Teams … incoming webhooks). */
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { postJson } from './http.js';

export const teamChatPost = defineAction({
  type: 'team.chatPost',
  title: 'Post to team chat',
  description: 'Tells your team about this customer in a chat channel, e.g. "VIP {{ customer.firstName }} just ordered".',
  category: 'Team',
  icon: 'megaphone',
  config: z.object({
    url: z.url({ protocol: /^https$/, error: 'the incoming-webhook URL must be https' }),
    text: z.string().min(1, 'write the message').max(4000),
  }),
  outputs: ['success', 'failure'],
  templates: (c) => [{ field: 'config.text', template: c.text }],
  async run(ctx, config) {
    await postJson(ctx, config.url, { text: ctx.render(config.text) });
    return { output: 'success', reason: 'posted' };
  },
  simulate: (ctx, config) => ({ output: 'success', reason: `would post "${ctx.render(config.text)}"` }),
});
