/**
 * Delivery receipts from providers (Twilio's status callbacks…): the provider's verdict on a
 * message it took, written on the message row. The first final receipt wins and later ones
 * (vendors retry callbacks, and may send "failed" after "delivered" for some carriers) change
 * nothing, so a replayed receipt is stored once. A failure receipt turns a `sent` row `failed`
 * with the vendor's reason; a delivered one stamps `receipt` and `receiptAt`.
 *
 * Each receipt that changed a row is also a customer event, "Message Delivered" or "Message
 * Failed", stored and routed like an ingested one: journeys can wait for it, branch on it or
 * count it as a goal.
 */
import type { Db } from '@cairn/db';
import type { Receipt } from '@cairn/engine/runtime';
import { routeRows, type RouteDeps } from '../enrol/route.js';
import { storeCall } from '../ingest/store.js';

export const RECEIPT_EVENTS = { delivered: 'Message Delivered', failed: 'Message Failed' } as const;

/** Applies the receipt, then emits its event (a routing failure is left to the ingest sweep). */
export async function receiveReceipt(deps: RouteDeps & { log?: (m: string) => void }, provider: string, r: Receipt): Promise<{ updated: number }> {
  const at = new Date(deps.clock.now());
  const applied = await applyReceipt(deps.db, provider, r, at);
  if (applied.updated === 0) return applied;
  const where = r.messageId ? { id: r.messageId } : { providerId: r.providerId ?? '', provider };
  const rows = await deps.db.message.findMany({ where, select: { id: true, customerId: true, journeyId: true, nodeId: true, channel: true, reason: true } });
  for (const row of rows) {
    const properties = {
      messageId: row.id, channel: row.channel, provider,
      ...(row.journeyId ? { journeyId: row.journeyId } : {}), ...(row.nodeId ? { nodeId: row.nodeId } : {}),
      ...(r.status === 'failed' ? { reason: row.reason ?? r.reason ?? '' } : {}),
    };
    try {
      const stored = await storeCall(deps.db, { type: 'track', customerId: row.customerId, name: RECEIPT_EVENTS[r.status], properties, messageId: `receipt:${row.id}:${r.status}` }, at.getTime());
      if (!stored.rows.every((x) => x.processedAt)) await routeRows(deps, stored.rows);
    } catch (err) {
      deps.log?.(`receipt: the ${RECEIPT_EVENTS[r.status]} event of message ${row.id} was not routed (the sweep retries): ${(err as Error).message}`);
    }
  }
  return applied;
}

export async function applyReceipt(db: Pick<Db, 'message'>, provider: string, r: Receipt, at: Date): Promise<{ updated: number }> {
  // The row id (from the callback URL) when the hook has it, else the provider's own id.
  const which = r.messageId ? { id: r.messageId } : r.providerId ? { providerId: r.providerId } : undefined;
  if (!which) return { updated: 0 };
  const where = { ...which, provider, receipt: null };
  const id = r.providerId ? { providerId: r.providerId } : {};
  if (r.status === 'failed') {
    const res = await db.message.updateMany({
      where: { ...where, status: { in: ['sent', 'claimed'] } },
      data: { receipt: 'failed', receiptAt: at, status: 'failed', reason: r.reason ?? `${provider}: not delivered`, ...id },
    });
    return { updated: res.count };
  }
  const sent = await db.message.updateMany({ where: { ...where, status: 'sent' }, data: { receipt: 'delivered', receiptAt: at, ...id } });
  // A row still `claimed` whose receipt says delivered: the worker died between the provider
  // taking it and recording it. Recorded `sent` now, so the retry of that step does not send it again.
  const claimed = await db.message.updateMany({
    where: { ...where, status: 'claimed' },
    data: { receipt: 'delivered', receiptAt: at, status: 'sent', sentAt: at, reason: `sent by ${provider} (confirmed by its delivery receipt)`, ...id },
  });
  return { updated: sent.count + claimed.count };
}

/**
 * An event about one message this provider sent (a push notification clicked): stored once per
 * message and name, for the message's customer, with where the message came from.
 */
export async function messageEvent(deps: RouteDeps & { log?: (m: string) => void }, provider: string, e: { messageId: string; name: string }): Promise<{ stored: boolean }> {
  // A push step to browsers and apps names both carriers ("web-push+fcm"): either one's click counts.
  const row = await deps.db.message.findFirst({ where: { id: e.messageId, OR: [{ provider }, { provider: { startsWith: `${provider}+` } }, { provider: { endsWith: `+${provider}` } }] }, select: { id: true, customerId: true, journeyId: true, nodeId: true, channel: true } });
  if (!row) return { stored: false };
  const properties = { messageId: row.id, channel: row.channel, provider, ...(row.journeyId ? { journeyId: row.journeyId } : {}), ...(row.nodeId ? { nodeId: row.nodeId } : {}) };
  try {
    const stored = await storeCall(deps.db, { type: 'track', customerId: row.customerId, name: e.name, properties, messageId: `${e.name}:${row.id}` }, deps.clock.now());
    if (!stored.rows.every((x) => x.processedAt)) await routeRows(deps, stored.rows);
    return { stored: !stored.duplicate };
  } catch (err) {
    deps.log?.(`${e.name} of message ${row.id} was not routed (the sweep retries): ${(err as Error).message}`);
    return { stored: true };
  }
}
