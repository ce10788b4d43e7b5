/**
 * The rendered content of a message node: the customer's locale picks a translation, then every
 * field is rendered with Liquid over the customer's attributes and the triggering event.
 */
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import type { Channel } from '@cairn/core/internal/journey/primitives';
import type { ChatNode } from '@cairn/core/internal/nodes/action/chat';
import type { EmailNode } from '@cairn/core/internal/nodes/action/email';
import type { PushNode } from '@cairn/core/internal/nodes/action/push';
import type { SmsNode } from '@cairn/core/internal/nodes/action/sms';
import type { CustomerEvent } from '@cairn/core/internal/rules/facts';
import type { MessageSpec } from '@cairn/core/internal/nodes/define';
import { findDefinition, messageSpecOf } from '@cairn/core/internal/nodes/registry';
import type { z } from 'zod';

/** A step that sends a message (email, SMS, push or chat). */
export type MessageNode = EmailNode | SmsNode | PushNode | ChatNode;

/** A node whose kind sends a message (its definition has a `message` spec). */
export function isMessageNode(node: { type: string }): node is MessageNode {
  return messageSpecOf(findDefinition(node.type)) !== undefined;
}

/** The channel a message node sends on, from its kind's definition. */
export function channelOf(node: MessageNode): Channel {
  return messageSpec(node).channel;
}

/** The field of a message node that holds markup (an MJML email body), if any. */
export function markupOf(node: MessageNode): { field: string; language: 'mjml' } | undefined {
  return messageSpec(node).markup?.(node);
}

/** The node's content fields for the customer's locale, not yet rendered. */
export function contentFields(node: MessageNode, locale: unknown): Record<string, string> {
  return messageSpec(node).content(node, locale);
}

function messageSpec(node: MessageNode): MessageSpec<z.ZodObject> {
  const spec = messageSpecOf(findDefinition(node.type));
  if (!spec) throw new Error(`${node.type} is not a message kind`);
  return spec;
}

/**
 * A message that cannot be rendered (bad template, missing required content): the send fails permanently,
 * with this message.
 */
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
  const markup = markupOf(node)?.field;
  const out: Record<string, string> = {};
  for (const [field, template] of Object.entries(contentFields(node, customer.attributes.locale))) {
    try {
      out[field] = renderTemplate(template, scope, { escape: field === markup });
    } catch (err) {
      throw new RenderError(field, err);
    }
  }
  return out;
}
