/**
 * "Send a test to me": from the Channels page (a fixed text on a channel) or from a message step
 * in the editor (that step's content, rendered for the editor's sample customer), through the
 * same delivery path as every journey send (policy, idempotency claim, recorded outcome), to the
 * signed-in user's own address. The user is a customer for this purpose, `cairn-user:<id>`,
 * holding the address and the sample's attributes: a STOP from that phone suppresses test sends
 * as it would any message. The send is transactional (asked for by its recipient: no caps, no
 * consent needed).
 */
import { JourneyNode, type Channel } from '@cairn/core';
import { channelOf, compileMjml, deliver, isMessageNode, markupOf, renderMessage, RenderError, type Channels, type DeliveryResult, type MessageNode } from '@cairn/engine/runtime';
import type { Db } from '@cairn/db';

const ADDRESS_FIELD = { email: 'email', sms: 'phone', push: 'pushToken', chat: 'chatId' } as const;

/** The customer id a staff user's test sends go to. */
export const testCustomerId = (userId: string) => `cairn-user:${userId}`;

function testNode(channel: Channel, who: string) {
  const text = `This is a test from Cairn, sent to ${who} on the ${channel} channel. If you can read it, the channel works.`;
  const base = { id: 'channel-test', topic: 'transactional', transactional: true };
  const raw =
    channel === 'email' ? { ...base, type: 'action.email', subject: 'Cairn test message', body: text }
    : channel === 'sms' ? { ...base, type: 'action.sms', body: text }
    : channel === 'push' ? { ...base, type: 'action.push', title: 'Cairn test', body: text }
    : { ...base, type: 'action.chat', app: 'zalo', body: text };
  const node = JourneyNode.parse(raw);
  if (!isMessageNode(node)) throw new Error(`${node.type} is not a message kind`);
  return node;
}

/** A message step from the editor, as a test: its content, transactional, under a test id. */
export function messageNodeOf(raw: unknown): MessageNode {
  const parsed = JourneyNode.safeParse(raw);
  if (!parsed.success) throw new TestMessageError(`the step is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const node = parsed.data;
  if (!isMessageNode(node)) throw new TestMessageError(`a ${node.type} step sends no message`);
  return { ...node, transactional: true } as MessageNode;
}

/** A step that cannot be tested, in words. */
export class TestMessageError extends Error {}

/** The sample customer of the editor: attributes, and the event under `$event`. */
export interface Sample {
  attributes: Record<string, unknown>;
  event?: { name: string; at: number; properties: Record<string, unknown> };
}

export function sampleOf(raw: Record<string, unknown> | undefined, now: number): Sample {
  const { $event, ...attributes } = (raw ?? {}) as { $event?: { name?: unknown; properties?: unknown } };
  const properties = $event?.properties && typeof $event.properties === 'object' ? ($event.properties as Record<string, unknown>) : {};
  return { attributes, ...($event ? { event: { name: typeof $event.name === 'string' ? $event.name : 'Sample Event', at: now, properties } } : {}) };
}

export async function sendTest(
  deps: { db: Db; channels: Channels; clock: { now(): number } },
  user: { id: string; email: string },
  channel: Channel,
  to: string,
  step?: { node: MessageNode; sample: Sample },
): Promise<DeliveryResult & { to: string }> {
  const id = testCustomerId(user.id);
  const field = ADDRESS_FIELD[channel];
  const attributes = { ...(step?.sample.attributes ?? {}), cairnUser: user.email } as object;
  await deps.db.customer.upsert({
    where: { id },
    create: { id, [field]: to, attributes },
    update: { [field]: to, attributes },
  });
  const now = deps.clock.now();
  const result = await deliver(
    { db: deps.db, providers: deps.channels.providers, clock: deps.clock },
    {
      idempotencyKey: `channel-test:${channel}:${user.id}:${now}`,
      customerId: id,
      node: step?.node ?? testNode(channel, user.email),
      ...(step?.sample.event ? { event: step.sample.event } : {}),
      at: now,
      finalAttempt: true,
    },
  );
  return { ...result, to };
}

/** An email step rendered for the sample customer: subject, and the HTML and text an MJML body becomes. */
export async function previewEmail(node: MessageNode, sample: Sample): Promise<{ subject: string; preheader: string; text: string; html: string | null }> {
  if (channelOf(node) !== 'email') throw new TestMessageError('only an email step has an HTML preview');
  let content: Record<string, string>;
  try {
    content = renderMessage(node, { id: 'sample-customer', attributes: sample.attributes }, sample.event, undefined, {
      unsubscribe_url: 'https://example.com/unsubscribe',
      preferences_url: 'https://example.com/preferences',
    });
    const markup = markupOf(node);
    if (!markup) return { subject: content.subject ?? '', preheader: content.preheader ?? '', text: content.body ?? '', html: null };
    const compiled = await compileMjml(content[markup.field] ?? '', content.preheader ?? '', markup.field);
    return { subject: content.subject ?? '', preheader: content.preheader ?? '', text: compiled.text, html: compiled.html };
  } catch (err) {
    if (err instanceof RenderError) throw new TestMessageError(err.message);
    throw err;
  }
}
