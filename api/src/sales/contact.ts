/**
 * A rep contacting the customer of a task. Messages go through the one delivery path, so the
 * policy that guards journeys guards people too: a customer who refused contact (or is suppressed
 * on the channel) is not messaged, and the refusal is recorded on the task and the message log.
 */
import type { Db } from '@cairn/db';
import { type ChatApp, JourneyNode } from '@cairn/core';
import { deliver, type DeliveryResult, type MessageNode, type ProviderSource } from '@cairn/engine/runtime';
import { TRPCError } from '@trpc/server';

export const CONTACT_CHANNELS = ['email', 'sms', 'chat'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** What the task page shows before anyone tries: the channels (or all) the customer refused. */
export async function doNotContact(db: Db, customerId: string) {
  const rows = await db.suppression.findMany({ where: { customerId, removedAt: null }, select: { channel: true, reason: true } });
  const all = rows.some((r) => r.channel === 'all');
  const channels = CONTACT_CHANNELS.filter((c) => all || rows.some((r) => r.channel === c));
  return { all, channels, reasons: [...new Set(rows.map((r) => `${r.channel}: ${r.reason.replace(/_/g, ' ')}`))] };
}

/** Liquid-free: the ice-breaker is already rendered, so customer data in it is never re-evaluated. */
const literal = (s: string) => (s.includes('{% endraw %}') ? s.replace(/[{}%]/g, ' ') : `{% raw %}${s}{% endraw %}`);

export interface SendInput {
  task: { id: string; customerId: string; journeyId: string; nodeId: string; workflowId: string };
  journeyName: string;
  channel: ContactChannel;
  /** For chat: the app the customer is reached on (the chat provider routes by it). */
  app?: ChatApp | undefined;
  subject: string;
  body: string;
}

/**
 * Sends the rep's message (once per task and channel: the idempotency key). Refused or failed
 * sends throw a TRPCError whose message says why (PRECONDITION_FAILED: do not contact).
 */
export async function sendAsRep(deps: { db: Db; providers: ProviderSource; now: number }, input: SendInput): Promise<DeliveryResult> {
  const { task, channel } = input;
  if (channel === 'chat' && !input.app) throw new TRPCError({ code: 'BAD_REQUEST', message: 'a chat message needs its app (zalo, whatsapp, wechat…)' });
  const base = { id: task.nodeId, topic: 'sales', transactional: false };
  const node = JourneyNode.parse(
    channel === 'email' ? { ...base, type: 'action.email', subject: literal(input.subject), body: literal(input.body) }
      : channel === 'chat' ? { ...base, type: 'action.chat', app: input.app, body: literal(input.body) }
        : { ...base, type: 'action.sms', body: literal(input.body) },
  ) as MessageNode;
  // One send per task and channel (and chat app): a second click replays the first.
  const key = channel === 'chat' ? `sales:${task.id}:chat:${input.app ?? ''}` : `sales:${task.id}:${channel}`;
  const result = await deliver(
    { db: deps.db, providers: deps.providers, clock: { now: () => deps.now } },
    { idempotencyKey: key, customerId: task.customerId, node, journey: { id: task.journeyId, name: input.journeyName }, workflowId: task.workflowId },
  );
  if (result.status === 'sent') return result;
  if (result.status === 'suppressed') {
    await deps.db.salesTaskLog.create({ data: { taskId: task.id, kind: 'refused', note: `${channel}${input.app ? ` (${input.app})` : ''}: ${result.reason}` } });
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `do not contact: ${result.reason}` });
  }
  throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `not sent (${result.status}): ${result.reason}` });
}
