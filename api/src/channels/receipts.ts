/**
 * Delivery receipts from providers (Twilio's status callbacks…): the provider's verdict on a
 * message it took, written on the message row. The first final receipt wins and later ones
 * (vendors retry callbacks, and may send "failed" after "delivered" for some carriers) change
 * nothing, so a replayed receipt is stored once. A failure receipt turns a `sent` row `failed`
 * with the vendor's reason; a delivered one stamps `receipt` and `receiptAt`.
 */
import type { Db } from '@cairn/db';
import type { Receipt } from '@cairn/engine/runtime';

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
