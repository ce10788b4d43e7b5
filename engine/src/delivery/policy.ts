/**
 * The delivery policy: may this message go to this customer now? Runs inside the send
 * transaction, after the customer row is locked, so a suppression recorded concurrently is
 * either seen here or waits for this transaction (it inserts a row referencing the customer).
 * Issue 4 adds consent per topic, frequency caps and quiet hours as further checks in `checks`.
 */
import type { Prisma } from '@cairn/db';
import type { Channel } from '../journey/primitives.js';

/** The transaction the send runs in. */
export type PolicyTx = Prisma.TransactionClient;

export interface PolicyInput {
  customerId: string;
  channel: Channel;
  topic: string;
  transactional: boolean;
}

export type PolicyDecision = { allowed: true } | { allowed: false; status: 'suppressed'; reason: string };

type Check = (tx: PolicyTx, input: PolicyInput) => Promise<PolicyDecision>;

/** Hard suppression: the customer refused contact on this channel (or all). Transactional too. */
const notSuppressed: Check = async (tx, input) => {
  const row = await tx.suppression.findFirst({
    where: { customerId: input.customerId, removedAt: null, channel: { in: [input.channel, 'all'] } },
    select: { channel: true, reason: true },
  });
  if (!row) return { allowed: true };
  const scope = row.channel === 'all' ? 'all channels' : input.channel;
  return { allowed: false, status: 'suppressed', reason: `the customer refused contact on ${scope} (${row.reason})` };
};

const checks: Check[] = [notSuppressed];

/** The first check that refuses decides; otherwise the message may go. */
export async function checkPolicy(tx: PolicyTx, input: PolicyInput): Promise<PolicyDecision> {
  for (const check of checks) {
    const d = await check(tx, input);
    if (!d.allowed) return d;
  }
  return { allowed: true };
}
