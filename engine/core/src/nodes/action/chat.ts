/** Action: send a chat-app message (Zalo, WhatsApp, Messenger, WeChat, LINE, Telegram). */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { localised, messageBase, simulateSend, translations } from './message.js';
import { firstLine } from '../words.js';

/** The chat apps a chat step can send through. */
export const ChatApp = z.enum(['zalo', 'whatsapp', 'messenger', 'wechat', 'line', 'telegram']);
export type ChatApp = z.infer<typeof ChatApp>;

export const ChatContent = z.object({ body: z.string().max(4000) });

export const ChatNode = z.object({
  ...nodeBase,
  type: z.literal('action.chat'),
  ...messageBase,
  app: ChatApp,
  ...ChatContent.shape,
  translations: translations(ChatContent),
});
export type ChatNode = z.infer<typeof ChatNode>;

/** The content for the customer's locale (translations applied), not yet rendered. */
const content = (n: ChatNode, locale: unknown): Record<string, string> => ({ ...localised({ body: n.body }, n.translations, locale), app: n.app });

export const sendChat = defineNode({
  type: 'action.chat',
  category: 'action',
  behaviour: 'effect',
  title: 'Send chat message',
  description: 'Sends a message in a chat app the customer uses, e.g. Zalo or WhatsApp.',
  icon: 'chat',
  schema: ChatNode,
  create: (id) => ({
    id,
    type: 'action.chat',
    position: { x: 0, y: 0 },
    topic: 'promotions',
    transactional: false,
    app: 'zalo',
    body: 'Hi {{ customer.firstName | default: "there" }}!',
    translations: {},
  }),
  summary: (n) => ({ liquid: firstLine(n.body) }),
  outputs: () => [NEXT],
  contacts: () => 'chat',
  message: {
    channel: 'chat',
    // The app travels with the content: the chat provider routes by it.
    content,
    required: [{ field: 'body', label: 'message text' }],
  },
  templates: (n) => [
    { field: 'body', template: n.body },
    ...Object.entries(n.translations).map(([loc, t]) => ({ field: `translations.${loc}.body`, template: t.body ?? '' })),
  ],
  simulate: (n, ctx) => simulateSend('chat', content(n, ctx.facts.attributes.locale), ctx),
  sample: (id) => ({ id, type: 'action.chat', app: 'zalo', body: 'Xin chào {{ customer.firstName }}' }),
});
