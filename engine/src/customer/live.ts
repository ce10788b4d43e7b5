/**
 * One customer per person: a profile merged into another (an anonymous visitor who signed up, an
 * alias) stays as a pointer row, `Customer.mergedInto`. Running journeys still name the old id
 * in their workflow input, and clients may still send it: every read or write of a customer by
 * id goes to the surviving profile through these helpers, so its suppressions, consents, caps and
 * attributes apply. Merges flatten chains, so one hop always reaches a live profile.
 */
import type { CustomerRow, Db } from '@cairn/db';
import { Prisma } from '@cairn/db';

/**
 * SQL for the surviving id of `id` (itself when it was never merged), for use in a WHERE:
 * `WHERE id = ${liveIdSql(id)}`. One statement, no extra round trip.
 */
export function liveIdSql(id: string): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT "mergedInto" FROM "Customer" WHERE id = ${id}), ${id})`;
}

/** The surviving customer row for `id`, or null when no such customer exists. */
export async function loadLiveCustomer(db: Pick<Db, 'customer'>, id: string): Promise<CustomerRow | null> {
  const row = await db.customer.findUnique({ where: { id } });
  if (!row?.mergedInto) return row;
  return db.customer.findUnique({ where: { id: row.mergedInto } });
}
