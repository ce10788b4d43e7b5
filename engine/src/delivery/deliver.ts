/**
 * The single send path. Every message any journey sends goes through `deliver`:
 *
 *   1. one transaction: lock the customer row, look up the idempotency key, run the policy,
 *      render, and insert the message row (`claimed`, or its final refusal: suppressed,
 *      no_address, a template error as failed);
 *   2. the channel provider, outside the transaction;
 *   3. the outcome recorded on the same row (sent / failed).
 *
 * A retried activity finds its key: a final row is returned as recorded, without sending. A row
 * still `claimed` means an earlier attempt died between claim and record; the provider may or
 * may not have been reached, so the same content is handed to it again with the same key
 * (providers forward the key: SMTP Message-ID, X-Cairn-Idempotency-Key) so receivers can drop
 * the repeat. Nobody is skipped and the row is never recorded twice.
 */
import type { Db, MessageStatus } from '@cairn/db';
import type { CustomerEvent } from '../rules/facts.js';
import { CHANNEL_OF, RenderError, renderMessage, type MessageNode } from './content.js';
import { checkPolicy } from './policy.js';
import { PermanentSendError, type Providers } from './provider.js';

export interface DeliveryDeps {
  db: Db;
  providers: Providers;
  clock: { now(): number };
}

export interface DeliveryRequest {
  /** workflowId + node id + visit count: one send per visit of a node, whatever the retries. */
  idempotencyKey: string;
  customerId: string;
  node: MessageNode;
  /** The event the Liquid content may refer to (`event.properties.*`). */
  event?: CustomerEvent;
  journey?: { id: string; name: string };
  /** The enrolment's workflow, to link the message row to the enrolment. */
  workflowId?: string;
  /** On the last attempt a retryable provider error is recorded as failed instead of thrown. */
  finalAttempt?: boolean;
}

export type FinalStatus = Exclude<MessageStatus, 'claimed'>;

export interface DeliveryResult {
  status: FinalStatus;
  reason: string;
  messageId?: string;
  provider?: string;
  /** True when the outcome was already recorded by an earlier attempt (nothing sent now). */
  replayed?: boolean;
}

type Claim =
  | { kind: 'final'; result: DeliveryResult }
  | { kind: 'send'; messageId: string; to: string; content: Record<string, string> };

/**
 * Waiting for a pooled connection is normal when more activities run than the pool has
 * connections; Prisma's 2 s default would turn that queueing into failed (retried) activities.
 */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

const ADDRESS_FIELD = { email: 'email', sms: 'phone', push: 'pushToken', chat: 'chatId' } as const;

export async function deliver(deps: DeliveryDeps, req: DeliveryRequest): Promise<DeliveryResult> {
  const channel = CHANNEL_OF[req.node.type];
  const provider = deps.providers[channel];
  const claim = await deps.db.$transaction(async (tx): Promise<Claim> => {
    // The lock serialises sends to one customer and orders them with suppressions written
    // concurrently (inserting a Suppression row takes a key-share lock on the customer).
    const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Customer" WHERE id = ${req.customerId} FOR UPDATE`;
    if (locked.length === 0) return { kind: 'final', result: { status: 'failed', reason: `unknown customer ${req.customerId}` } };

    const existing = await tx.message.findUnique({ where: { idempotencyKey: req.idempotencyKey } });
    if (existing) {
      if (existing.status !== 'claimed') {
        const result: DeliveryResult = { status: existing.status, reason: existing.reason ?? existing.status, messageId: existing.id, replayed: true };
        if (existing.provider) result.provider = existing.provider;
        return { kind: 'final', result };
      }
      const { to = '', ...content } = (existing.content ?? {}) as Record<string, string>;
      return { kind: 'send', messageId: existing.id, to, content };
    }

    const customer = await tx.customer.findUniqueOrThrow({ where: { id: req.customerId } });
    const enrolment = req.workflowId
      ? await tx.enrolment.findUnique({ where: { workflowId: req.workflowId }, select: { id: true } })
      : null;
    const base = {
      idempotencyKey: req.idempotencyKey,
      customerId: req.customerId,
      journeyId: req.journey?.id ?? null,
      enrolmentId: enrolment?.id ?? null,
      nodeId: req.node.id,
      channel,
      topic: req.node.topic,
      transactional: req.node.transactional,
    };
    const finalRow = async (status: FinalStatus, reason: string, content?: Record<string, string>) => {
      const row = await tx.message.create({ data: { ...base, status, reason, ...(content ? { content } : {}) } });
      return { kind: 'final' as const, result: { status, reason, messageId: row.id } };
    };

    const decision = await checkPolicy(tx, { customerId: req.customerId, channel, topic: req.node.topic, transactional: req.node.transactional });
    if (!decision.allowed) return finalRow(decision.status, decision.reason);

    const attributes = (customer.attributes ?? {}) as Record<string, unknown>;
    const field = ADDRESS_FIELD[channel];
    const to = customer[field] ?? (typeof attributes[field] === 'string' ? (attributes[field] as string) : null);
    if (!to) return finalRow('no_address', `the customer has no ${field} for ${channel}`);

    let content: Record<string, string>;
    try {
      content = renderMessage(req.node, { id: customer.id, attributes }, req.event, req.journey);
    } catch (err) {
      if (err instanceof RenderError) return finalRow('failed', err.message);
      throw err;
    }
    const row = await tx.message.create({ data: { ...base, status: 'claimed', content: { to, ...content }, provider: provider.name } });
    return { kind: 'send', messageId: row.id, to, content };
  }, TX_OPTIONS);

  if (claim.kind === 'final') return claim.result;

  const record = async (status: FinalStatus, reason: string, providerId?: string) => {
    await deps.db.message.update({
      where: { id: claim.messageId },
      data: { status, reason, provider: provider.name, ...(providerId ? { providerId } : {}), ...(status === 'sent' ? { sentAt: new Date(deps.clock.now()) } : {}) },
    });
    return { status, reason, messageId: claim.messageId, provider: provider.name };
  };

  try {
    const sent = await provider.send({
      idempotencyKey: req.idempotencyKey,
      channel,
      customerId: req.customerId,
      to: claim.to,
      topic: req.node.topic,
      content: claim.content,
      ...(req.journey ? { journeyId: req.journey.id } : {}),
      nodeId: req.node.id,
    });
    return await record('sent', `sent by ${provider.name}`, sent.providerId);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (err instanceof PermanentSendError || req.finalAttempt) return record('failed', `${provider.name}: ${message}`);
    throw err;
  }
}
