/**
 * The customer list: one page of customers matching a filter, in id order, with keyset
 * pagination (`after` = the last id of the previous page). Each page is an index range scan
 * from `after` on the primary key that stops at `limit` matches, so page 1,000 costs what page 1
 * does, unlike OFFSET, which reads and drops every row before it.
 */
import { z } from 'zod';
import { Prisma, type Db } from '@cairn/db';
import { line } from '../validation/text.js';
import { CustomerFilter, filterSql } from './filter.js';

export const ListInput = CustomerFilter.extend({
  /** The last id of the previous page; absent for the first page. */
  after: line({ max: 256 }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface CustomerListRow {
  id: string;
  email: string | null;
  phone: string | null;
  timeZone: string | null;
  attributes: Record<string, unknown>;
  updatedAt: Date;
}

/** A page; `q` is already validated (the router's ListInput; the export asks for larger pages). */
export async function listCustomers(db: Db, q: CustomerFilter & { after?: string | undefined; limit: number }): Promise<{ items: CustomerListRow[]; next: string | null }> {
  const after = q.after !== undefined ? Prisma.sql`AND c.id > ${q.after}` : Prisma.empty;
  // One more than asked tells whether another page exists without a count of the whole table.
  const rows = await db.$queryRaw<CustomerListRow[]>`
    SELECT c.id, c.email, c.phone, c."timeZone", c.attributes, c."updatedAt"
    FROM "Customer" c
    WHERE ${filterSql(q)} ${after}
    ORDER BY c.id
    LIMIT ${q.limit + 1}`;
  const items = rows.slice(0, q.limit);
  return { items, next: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}
