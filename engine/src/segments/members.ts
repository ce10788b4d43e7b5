/**
 * Reading membership: the public queries other features call (the customer list's segment
 * filter, broadcasts, journey enrolment) instead of evaluating definitions themselves.
 */
import type { Tx } from './catalog.js';

/** One page of a segment's members in customer-id order; pass the last id as `after` for the next. */
export async function membersOf(db: Tx, segmentId: string, opts: { after?: string; limit?: number } = {}): Promise<string[]> {
  const limit = Math.min(Math.max(opts.limit ?? 1000, 1), 10_000);
  const rows = await db.$queryRaw<Array<{ customerId: string }>>`
    SELECT "customerId" FROM "SegmentMember" WHERE "segmentId" = ${segmentId} AND "customerId" > ${opts.after ?? ''}
    ORDER BY "customerId" LIMIT ${limit}`;
  return rows.map((r) => r.customerId);
}

/** Every member, page by page (for a broadcast or an enrolment run). */
export async function* eachMember(db: Tx, segmentId: string, pageSize = 1000): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const page = await membersOf(db, segmentId, { after, limit: pageSize });
    if (!page.length) return;
    yield page;
    after = page[page.length - 1]!;
    if (page.length < pageSize) return;
  }
}

/** How many customers are in a segment now. */
export async function countMembers(db: Tx, segmentId: string): Promise<number> {
  const [r] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "SegmentMember" WHERE "segmentId" = ${segmentId}`;
  return r?.n ?? 0;
}

/** Whether a customer is in a segment now. */
export async function isMember(db: Tx, segmentId: string, customerId: string): Promise<boolean> {
  const r = await db.segmentMember.findUnique({ where: { segmentId_customerId: { segmentId, customerId } }, select: { segmentId: true } });
  return r !== null;
}

/** The segments a customer is in (ids). */
export async function segmentsOf(db: Tx, customerId: string): Promise<string[]> {
  const rows = await db.segmentMember.findMany({ where: { customerId }, select: { segmentId: true }, orderBy: { segmentId: 'asc' } });
  return rows.map((r) => r.segmentId);
}
