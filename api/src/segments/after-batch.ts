/**
 * Keeps saved segments current after a batch of track calls (ingest/store-batch.ts stores them in
 * one statement, outside any per-customer transaction): per customer, one transaction under the
 * customer's row lock re-evaluates the segments those events can affect. The one-by-one path
 * (ingest/store.ts) does the same inside its own transaction.
 * Between the batch's commit and this update a crash would leave membership behind until the
 * next event of the customer or a recompute (docs/segments.md).
 */
import type { Db, EventRow } from '@cairn/db';
import { loadSegments, updateCustomerSegments } from '@cairn/engine/runtime';

export async function segmentsAfterBatch(db: Db, rows: readonly EventRow[], now: number): Promise<EventRow[]> {
  if (!rows.length || !(await loadSegments(db)).length) return [];
  const byCustomer = new Map<string, EventRow[]>();
  for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  const out: EventRow[] = [];
  // Customers in id order: concurrent batches take the row locks in the same order.
  for (const customerId of [...byCustomer.keys()].sort()) {
    const mine = byCustomer.get(customerId)!;
    const last = mine[mine.length - 1]!;
    const written = await db.$transaction(async (tx) => {
      const [c] = await tx.$queryRaw<Array<{ createdAt: Date }>>`SELECT "createdAt" FROM "Customer" WHERE id = ${customerId} FOR UPDATE`;
      // The batch statement created the customer when both rows carry its transaction's now().
      const newCustomer = c !== undefined && c.createdAt.getTime() === last.receivedAt.getTime();
      const names = [...new Set(mine.map((r) => r.name))];
      return (await updateCustomerSegments(tx, customerId, { events: names, attributes: [], newCustomer }, last.timestamp, now, last.messageId)).rows;
    });
    out.push(...written);
  }
  return out;
}
