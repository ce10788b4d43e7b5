/** Action: send a text message. */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { localised, messageBase, simulateSend, translations } from './message.js';
import { firstLine } from '../words.js';

export const SmsContent = z.object({ body: z.string().max(1600) });

export const SmsNode = z.object({
  ...nodeBase,
  type: z.literal('action.sms'),
  ...messageBase,
  ...SmsContent.shape,
  translations: translations(SmsContent),
});
export type SmsNode = z.infer<typeof SmsNode>;

/** The content for the customer's locale (translations applied), not yet rendered. */
const content = (n: SmsNode, locale: unknown): Record<string, string> => localised({ body: n.body }, n.translations, locale);

export const sendSms = defineNode({
  type: 'action.sms',
  category: 'action',
  behaviour: 'effect',
  title: 'Send SMS',
  description: 'Sends a short text message, through the delivery policy.',
  icon: 'message',
  schema: SmsNode,
  create: (id) => ({
    id,
    type: 'action.sms',
    position: { x: 0, y: 0 },
    topic: 'promotions',
    transactional: false,
    body: 'Hi {{ customer.firstName | default: "there" }}! Reply STOP to opt out.',
    translations: {},
  }),
  summary: (n) => ({ liquid: firstLine(n.body) }),
  outputs: () => [NEXT],
  contacts: () => 'sms',
  message: {
    channel: 'sms',
    content,
    required: [{ field: 'body', label: 'message text' }],
  },
  templates: (n) => [
    { field: 'body', template: n.body },
    ...Object.entries(n.translations).map(([loc, t]) => ({ field: `translations.${loc}.body`, template: t.body ?? '' })),
  ],
  simulate: (n, ctx) => simulateSend('sms', content(n, ctx.facts.attributes.locale), ctx),
  sample: (id) => ({ id, type: 'action.sms', body: 'Hi {{ customer.firstName }}' }),
});
