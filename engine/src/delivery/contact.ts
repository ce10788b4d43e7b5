/**
 * The policy gate for custom actions that contact the customer (`contacts` in defineAction).
 * Same promise as `deliver`, through the same claim phase (claim.ts): the customer locked, the
 * step's key looked up, the policy judged and the key claimed with a message row, in one
 * transaction. Only a claimed step may run the action; a refused one is recorded with its reason
 * and never runs.
 */
import type { Db } from '@cairn/db';
import type { Channel } from '@cairn/core/internal/journey/primitives';
import { claimStep } from './claim.js';

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
  return claimStep<ContactClaim>(
    db,
    {
      idempotencyKey: req.idempotencyKey,
      customerId: req.customerId,
      workflowId: req.workflowId,
      row: { journeyId: req.journeyId ?? null, nodeId: req.nodeId, channel: req.channel, topic: req.topic, transactional: req.transactional, provider: `action:${req.action}` },
      policy: { ...(req.now !== undefined ? { now: req.now } : {}), ...(req.journeyTimeZone ? { journeyTimeZone: req.journeyTimeZone } : {}) },
    },
    {
      unknownCustomer: () => {
        throw new Error(`unknown customer ${req.customerId}`);
      },
      found: (row) => {
        if (row.status === 'claimed') return { kind: 'run', messageId: row.id };
        const content = (row.content ?? {}) as { recorded?: RecordedContact };
        return { kind: 'done', status: row.status, reason: row.reason ?? row.status, messageId: row.id, ...(content.recorded ? { recorded: content.recorded } : {}) };
      },
      refused: (verdict, row) =>
        verdict.status === 'deferred'
          ? { kind: 'deferred', reason: verdict.reason, until: verdict.until, messageId: row.id }
          : { kind: 'refused', status: verdict.status, reason: verdict.reason, messageId: row.id },
      allowed: async (_tx, write) => ({ kind: 'run', messageId: (await write({ status: 'claimed' })).id }),
    },
  );
}

/** Records how a claimed step ended (sent or failed), with what it returned. */
export async function recordContact(db: Db, messageId: string, status: 'sent' | 'failed', reason: string, recorded?: RecordedContact): Promise<void> {
  await db.message.update({
    where: { id: messageId },
    data: { status, reason, ...(recorded ? { content: { recorded } as object } : {}) },
  });
}
