/** Action: send an email. */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { EmailBlock, emailBlocksToMjml, emailBlockTemplates } from './email-blocks.js';
import { localised, messageBase, simulateSend, translations } from './message.js';

export const EmailContent = z.object({
  subject: z.string().max(300),
  preheader: z.string().max(300).default(''),
  body: z.string().max(100_000),
});

export const EmailNode = z.object({
  ...nodeBase,
  type: z.literal('action.email'),
  ...messageBase,
  ...EmailContent.shape,
  /**
   * How the body is written: plain text (absent, the default), or MJML, sent as responsive HTML
   * with a plain-text part generated from it (Liquid output is HTML-escaped in MJML), or blocks
   * (`blocks`), compiled to MJML and sent the same way; `body` is then unused.
   */
  format: z.enum(['text', 'mjml', 'blocks']).optional(),
  blocks: z.array(EmailBlock).max(100).optional(),
  translations: translations(EmailContent),
});
export type EmailNode = z.infer<typeof EmailNode>;

/** The content for the customer's locale (translations applied), not yet rendered. */
const content = (n: EmailNode, locale: unknown): Record<string, string> => {
  if (n.format !== 'blocks') return localised({ subject: n.subject, preheader: n.preheader, body: n.body }, n.translations, locale);
  // A block email's translations change its subject and preview line; a translated body counts
  // only as MJML of its own (text typed there would not be the blocks' layout).
  const blocks = n.blocks?.length ? emailBlocksToMjml(n.blocks) : '';
  const local = localised({ subject: n.subject, preheader: n.preheader, body: blocks }, n.translations, locale);
  return { ...local, body: /^\s*<mjml[\s>]/i.test(local.body) ? local.body : blocks };
};

export const sendEmail = defineNode({
  type: 'action.email',
  category: 'action',
  behaviour: 'effect',
  title: 'Send email',
  description: 'Sends a personalised email (Liquid), through the delivery policy.',
  icon: 'mail',
  schema: EmailNode,
  create: (id) => ({
    id,
    type: 'action.email',
    position: { x: 0, y: 0 },
    topic: 'promotions',
    transactional: false,
    subject: 'Hello {{ customer.firstName | default: "there" }}',
    preheader: '',
    body: 'Hi {{ customer.firstName | default: "there" }},\n\n',
    translations: {},
  }),
  summary: (n) => ({ liquid: n.subject }),
  outputs: () => [NEXT],
  contacts: () => 'email',
  message: {
    channel: 'email',
    content,
    required: [
      { field: 'subject', label: 'subject' },
      { field: 'body', label: 'body' },
    ],
    markup: (n) => (n.format === 'mjml' || n.format === 'blocks' ? { field: 'body', language: 'mjml' } : undefined),
  },
  templates: (n) => [
    { field: 'subject', template: n.subject },
    { field: 'preheader', template: n.preheader },
    ...(n.format === 'blocks' ? emailBlockTemplates(n.blocks ?? []) : [{ field: 'body', template: n.body }]),
    ...Object.entries(n.translations).flatMap(([loc, t]) =>
      Object.entries(t).map(([f, v]) => ({ field: `translations.${loc}.${f}`, template: String(v ?? '') })),
    ),
  ],
  simulate: (n, ctx) => simulateSend('email', content(n, ctx.facts.attributes.locale), ctx),
  sample: (id) => ({ id, type: 'action.email', subject: 'Hi {{ customer.firstName }}', body: 'Score {{ customer.score }}' }),
});
