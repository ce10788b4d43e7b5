/**
 * "Why was this customer not messaged by this node?" From the records: did the customer reach
 * the node, what did each send attempt there record (status, reason, the rule that decided), and
 * what the policy would answer if the node sent to them now.
 */
import type { Db } from '@cairn/db';
import { decidePolicy, parseJourney, type PolicyDecision } from '@cairn/core';
import { channelOf, gatherPolicyFacts, isMessageNode } from '@cairn/engine/runtime';
import { TRPCError } from '@trpc/server';

export interface WhyAnswer {
  /** One sentence for people. */
  summary: string;
  reached: boolean;
  /** Where each of the customer's enrolments in the journey stands. */
  enrolments: Array<{ entry: number; status: string; currentNodeId: string | null; exitReason: string | null }>;
  attempts: Array<{ at: string; status: string; reason: string | null; code: string | null; deferredUntil: string | null }>;
  /** What the policy would decide for this node's message if it were sent now. */
  ifSentNow?: PolicyDecision;
}

export async function whyNotMessaged(db: Db, q: { customerId: string; journeyId: string; nodeId: string }, now: number): Promise<WhyAnswer> {
  const customer = await db.customer.findUnique({ where: { id: q.customerId }, select: { id: true } });
  if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer ${q.customerId}` });
  const journey = await db.journey.findUnique({ where: { id: q.journeyId }, include: { versions: { orderBy: { version: 'desc' }, take: 1 } } });
  if (!journey) throw new TRPCError({ code: 'NOT_FOUND', message: `no journey ${q.journeyId}` });

  const enrolments = await db.enrolment.findMany({ where: { journeyId: q.journeyId, customerId: q.customerId }, orderBy: { entry: 'asc' } });
  const reachedCount = await db.nodeEvent.count({ where: { journeyId: q.journeyId, nodeId: q.nodeId, kind: 'entered', enrolment: { customerId: q.customerId } } });
  const messages = await db.message.findMany({ where: { customerId: q.customerId, journeyId: q.journeyId, nodeId: q.nodeId }, orderBy: { createdAt: 'desc' }, take: 20 });
  const attempts = messages.map((m) => ({
    at: m.createdAt.toISOString(),
    status: m.status,
    reason: m.reason,
    code: m.policyCode,
    deferredUntil: m.deferredUntil?.toISOString() ?? null,
  }));

  // The node as published (the latest version; a draft-only node cannot have sent anything).
  const definition = journey.versions[0]?.definition ?? journey.draft;
  const parsed = parseJourney(definition);
  const node = parsed.ok ? parsed.journey.nodes.find((n) => n.id === q.nodeId) : undefined;
  let ifSentNow: PolicyDecision | undefined;
  if (node && isMessageNode(node) && parsed.ok) {
    const channel = channelOf(node);
    ifSentNow = decidePolicy(
      await gatherPolicyFacts(db, {
        customerId: q.customerId,
        channel,
        topic: node.topic,
        transactional: node.transactional,
        now,
        capBehaviour: node.onCap ?? 'skip',
        journeyTimeZone: parsed.journey.settings.timeZone,
      }),
    );
  }

  const latest = messages[0];
  const reached = reachedCount > 0 || messages.length > 0;
  let summary: string;
  if (!node) summary = `journey ${q.journeyId} has no node ${q.nodeId} in its latest version`;
  else if (latest?.status === 'sent') summary = `the customer was messaged by this node at ${latest.sentAt?.toISOString() ?? latest.createdAt.toISOString()}`;
  else if (latest) summary = `not messaged: ${latest.status.replace('_', ' ')} — ${latest.reason ?? 'no reason recorded'}`;
  else if (!reached) {
    const e = enrolments.at(-1);
    summary = e
      ? `the customer has not reached this node (enrolment ${e.entry} is ${e.status}${e.currentNodeId ? ` at ${e.currentNodeId}` : ''}${e.exitReason ? `: ${e.exitReason}` : ''})`
      : 'the customer never entered this journey';
  } else summary = 'the customer reached this node; no send attempt is recorded yet';

  return {
    summary,
    reached,
    enrolments: enrolments.map((e) => ({ entry: e.entry, status: e.status, currentNodeId: e.currentNodeId, exitReason: e.exitReason })),
    attempts,
    ...(ifSentNow ? { ifSentNow } : {}),
  };
}
