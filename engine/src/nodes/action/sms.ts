/** Action: send a text message. */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { localised, messageBase, simulateSend, translations } from './message.js';

export const SmsContent = z.object({ body: z.string().max(1600) });

export const SmsNode = z.object({
  ...nodeBase,
  type: z.literal('action.sms'),
  ...messageBase,
  ...SmsContent.shape,
  translations: translations(SmsContent),
});
export type SmsNode = z.infer<typeof SmsNode>;

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
  outputs: () => [NEXT],
  contacts: () => 'sms',
  templates: (n) => [
    { field: 'body', template: n.body },
    ...Object.entries(n.translations).map(([loc, t]) => ({ field: `translations.${loc}.body`, template: t.body ?? '' })),
  ],
  simulate: (n, ctx) => simulateSend('sms', localised({ body: n.body }, n.translations, ctx.facts.attributes.locale), ctx),
});
