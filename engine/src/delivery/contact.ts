/**
 * The policy gate for custom actions that contact the customer (`contacts` in defineAction).
 * Same promise as `deliver`: in one transaction, lock the customer, look up the step's
 * idempotency key, run the delivery policy and claim the key with a message row. Only a
 * claimed step may run the action; a refused one is recorded with its reason and never runs.
 */
import type { Db } from '@cairn/db';
import type { Channel } from '../journey/primitives.js';
import { checkPolicy } from './policy.js';

export interface ContactRequest {
  idempotencyKey: string;
  customerId: string;
  channel: Channel;
  topic: string;
  transactional: boolean;
  nodeId: string;
  /** The custom action's type, kept on the message row. */
  action: string;
  journeyId?: string;
  workflowId?: string;
}

/** What a finished step recorded, so a retry returns it instead of running again. */
export interface RecordedContact {
  output: string;
  attributes?: Record<string, unknown>;
}

export type ContactClaim =
  | { kind: 'run'; messageId: string }
  | { kind: 'refused'; status: string; reason: string; messageId: string }
  /** Quiet hours or a deferring cap: the workflow sleeps until `until` and calls again with the same key. */
  | { kind: 'deferred'; reason: string; until: number; messageId: string }
  | { kind: 'done'; status: string; reason: string; messageId: string; recorded?: RecordedContact };

export async function claimContact(db: Db, req: ContactRequest & { now?: number; journeyTimeZone?: string }): Promise<ContactClaim> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Customer" WHERE id = ${req.customerId} FOR UPDATE`;
    if (locked.length === 0) throw new Error(`unknown customer ${req.customerId}`);
    const existing = await tx.message.findUnique({ where: { idempotencyKey: req.idempotencyKey } });
    // A deferred step is decided again (below), its row updated in place.
    if (existing && existing.status !== 'deferred') {
      if (existing.status === 'claimed') return { kind: 'run', messageId: existing.id };
      const content = (existing.content ?? {}) as { recorded?: RecordedContact };
      return { kind: 'done', status: existing.status, reason: existing.reason ?? existing.status, messageId: existing.id, ...(content.recorded ? { recorded: content.recorded } : {}) };
    }
    const enrolment = req.workflowId ? await tx.enrolment.findUnique({ where: { workflowId: req.workflowId }, select: { id: true } }) : null;
    const base = {
      idempotencyKey: req.idempotencyKey,
      customerId: req.customerId,
      journeyId: req.journeyId ?? null,
      enrolmentId: enrolment?.id ?? null,
      nodeId: req.nodeId,
      channel: req.channel,
      topic: req.topic,
      transactional: req.transactional,
      provider: `action:${req.action}`,
    };
    const write = (data: { status: 'claimed' | 'suppressed' | 'capped' | 'deferred'; reason?: string; policyCode?: string; deferredUntil?: Date }) =>
      existing
        ? tx.message.update({ where: { id: existing.id }, data: { policyCode: null, deferredUntil: null, ...data } })
        : tx.message.create({ data: { ...base, ...data } });
    const decision = await checkPolicy(tx, {
      customerId: req.customerId,
      channel: req.channel,
      topic: req.topic,
      transactional: req.transactional,
      ...(req.now !== undefined ? { now: req.now } : {}),
      ...(req.journeyTimeZone ? { journeyTimeZone: req.journeyTimeZone } : {}),
    });
    if (!decision.allowed) {
      if (decision.status === 'deferred') {
        const row = await write({ status: 'deferred', reason: decision.reason, policyCode: decision.code, deferredUntil: new Date(decision.until) });
        return { kind: 'deferred', reason: decision.reason, until: decision.until, messageId: row.id };
      }
      const row = await write({ status: decision.status, reason: decision.reason, policyCode: decision.code });
      return { kind: 'refused', status: decision.status, reason: decision.reason, messageId: row.id };
    }
    const row = await write({ status: 'claimed' });
    return { kind: 'run', messageId: row.id };
  });
}

/** Records how a claimed step ended (sent or failed), with what it returned. */
export async function recordContact(db: Db, messageId: string, status: 'sent' | 'failed', reason: string, recorded?: RecordedContact): Promise<void> {
  await db.message.update({
    where: { id: messageId },
    data: { status, reason, ...(recorded ? { content: { recorded } as object } : {}) },
  });
}
