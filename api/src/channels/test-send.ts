/**
 * "Send a test to me" from the Channels page: one message on a channel, through the same
 * delivery path as every journey send (policy, idempotency claim, recorded outcome), to the
 * signed-in user's own address. The user is a customer for this purpose, `cairn-user:<id>`,
 * holding the address: a STOP from that phone suppresses test sends as it would any message.
 * The send is transactional (asked for by its recipient: no caps, no consent needed).
 */
import { JourneyNode, type Channel } from '@cairn/engine';
import { deliver, isMessageNode, type Channels, type DeliveryResult } from '@cairn/engine/runtime';
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

export async function sendTest(
  deps: { db: Db; channels: Channels; clock: { now(): number } },
  user: { id: string; email: string },
  channel: Channel,
  to: string,
): Promise<DeliveryResult & { to: string }> {
  const id = testCustomerId(user.id);
  const field = ADDRESS_FIELD[channel];
  await deps.db.customer.upsert({
    where: { id },
    create: { id, [field]: to, attributes: { name: user.email, cairnUser: true } },
    update: { [field]: to },
  });
  const now = deps.clock.now();
  const result = await deliver(
    { db: deps.db, providers: deps.channels.providers, clock: deps.clock },
    { idempotencyKey: `channel-test:${channel}:${user.id}:${now}`, customerId: id, node: testNode(channel, user.email), at: now, finalAttempt: true },
  );
  return { ...result, to };
}
