/**
 * The rendered content of a message node: the customer's locale picks a translation, then every
 * field is rendered with Liquid over the customer's attributes and the triggering event.
 */
import { renderScope, renderTemplate } from '../content/render.js';
import type { Channel } from '../journey/primitives.js';
import type { ChatNode } from '../nodes/action/chat.js';
import type { EmailNode } from '../nodes/action/email.js';
import { localised } from '../nodes/action/message.js';
import type { PushNode } from '../nodes/action/push.js';
import type { SmsNode } from '../nodes/action/sms.js';
import type { CustomerEvent } from '../rules/facts.js';

export type MessageNode = EmailNode | SmsNode | PushNode | ChatNode;

export const CHANNEL_OF: Record<MessageNode['type'], Channel> = {
  'action.email': 'email',
  'action.sms': 'sms',
  'action.push': 'push',
  'action.chat': 'chat',
};

export function isMessageNode(node: { type: string }): node is MessageNode {
  return node.type in CHANNEL_OF;
}

/** The node's content fields for the customer's locale, not yet rendered. */
export function contentFields(node: MessageNode, locale: unknown): Record<string, string> {
  switch (node.type) {
    case 'action.email':
      return localised({ subject: node.subject, preheader: node.preheader, body: node.body }, node.translations, locale);
    case 'action.sms':
      return localised({ body: node.body }, node.translations, locale);
    case 'action.push':
      return localised({ title: node.title, body: node.body, url: node.url }, node.translations, locale);
    case 'action.chat':
      return { ...localised({ body: node.body }, node.translations, locale), app: node.app };
  }
}

export class RenderError extends Error {
  override readonly name = 'RenderError';
  constructor(
    readonly field: string,
    cause: unknown,
  ) {
    super(`template error in ${field}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Renders every field; throws `RenderError` naming the field on the first template error. */
export function renderMessage(
  node: MessageNode,
  customer: { id: string; attributes: Record<string, unknown> },
  event: CustomerEvent | undefined,
  journey: { id: string; name: string } | undefined,
  links?: { unsubscribe_url?: string; preferences_url?: string },
): Record<string, string> {
  const scope = renderScope(customer.id, customer.attributes, event, journey, links);
  const out: Record<string, string> = {};
  for (const [field, template] of Object.entries(contentFields(node, customer.attributes.locale))) {
    try {
      out[field] = renderTemplate(template, scope);
    } catch (err) {
      throw new RenderError(field, err);
    }
  }
  return out;
}
