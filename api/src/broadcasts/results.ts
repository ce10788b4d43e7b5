/**
 * A broadcast's results, counted like a journey's message outcomes: its Message rows (no
 * journey, `nodeId` = the broadcast's id, answered by the (journeyId, nodeId, status) index).
 */
import type { Db } from '@cairn/db';

export interface BroadcastResults {
  sent: number;
  /** Sent, and the provider's receipt said delivered. */
  delivered: number;
  failed: number;
  /** Refused by the policy: suppressed, capped, no address. */
  suppressed: number;
  capped: number;
  noAddress: number;
  /** Waiting for quiet hours or a cap to allow them. */
  deferred: number;
}

export async function broadcastResults(db: Db, id: string): Promise<BroadcastResults> {
  const [byStatus, delivered] = await Promise.all([
    db.message.groupBy({ by: ['status'], where: { journeyId: null, nodeId: id }, _count: { _all: true } }),
    db.message.count({ where: { journeyId: null, nodeId: id, receipt: 'delivered' } }),
  ]);
  const n = (s: string) => byStatus.find((r) => r.status === s)?._count._all ?? 0;
  return { sent: n('sent'), delivered, failed: n('failed'), suppressed: n('suppressed'), capped: n('capped'), noAddress: n('no_address'), deferred: n('deferred') + n('claimed') };
}
