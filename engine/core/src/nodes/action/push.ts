/** Action: send a mobile or web push notification. */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { localised, messageBase, simulateSend, translations } from './message.js';
import { firstLine } from '../words.js';

export const PushContent = z.object({
  title: z.string().max(200),
  body: z.string().max(2000),
  url: z.string().max(2000).default(''),
});

export const PushNode = z.object({
  ...nodeBase,
  type: z.literal('action.push'),
  ...messageBase,
  ...PushContent.shape,
  /** The customer's devices to reach: apps (FCM tokens), browsers (Web Push), or both (absent: both). */
  target: z.enum(['both', 'app', 'browser']).optional(),
  translations: translations(PushContent),
});
export type PushNode = z.infer<typeof PushNode>;

/** The content for the customer's locale (translations applied), not yet rendered. */
const content = (n: PushNode, locale: unknown): Record<string, string> => localised({ title: n.title, body: n.body, url: n.url }, n.translations, locale);

export const sendPush = defineNode({
  type: 'action.push',
  category: 'action',
  behaviour: 'effect',
  title: 'Send push',
  description: 'Sends a push notification to the customer’s devices, through the delivery policy.',
  icon: 'bell',
  schema: PushNode,
  create: (id) => ({
    id,
    type: 'action.push',
    position: { x: 0, y: 0 },
    topic: 'promotions',
    transactional: false,
    title: 'Something new for you',
    body: 'Tap to see it.',
    url: '',
    translations: {},
  }),
  summary: (n) => ({ liquid: n.title.trim() || firstLine(n.body) }),
  outputs: () => [NEXT],
  contacts: () => 'push',
  message: {
    channel: 'push',
    content,
    required: [
      { field: 'title', label: 'title' },
      { field: 'body', label: 'text' },
    ],
  },
  templates: (n) => [
    { field: 'title', template: n.title },
    { field: 'body', template: n.body },
    { field: 'url', template: n.url },
    ...Object.entries(n.translations).flatMap(([loc, t]) =>
      Object.entries(t).map(([f, v]) => ({ field: `translations.${loc}.${f}`, template: String(v ?? '') })),
    ),
  ],
  simulate: (n, ctx) => simulateSend('push', content(n, ctx.facts.attributes.locale), ctx),
  sample: (id) => ({ id, type: 'action.push', title: 'News', body: 'For you' }),
});
