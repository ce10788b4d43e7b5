/**
 * The one writer of suppressions. Everything that records or lifts one — the tRPC routers, the
 * CSV import, the preference page and one-click unsubscribe, the SMS STOP / START webhook —
 * comes through here, so the rules live once:
 * - at most one active suppression per customer, channel and reason: a unique index on the
 *   active rows (migration 20261128213000_one_active_suppression) and `INSERT … ON CONFLICT DO
 *   NOTHING` (Prisma's `skipDuplicates`), so two requests at once give one row, never two (a
 *   look-then-insert lets both find nothing);
 * - recording the same suppression again changes nothing (the first one's source, note and
 *   hardness stay);
 * - rows are never deleted: lifting sets `removedAt`, `removedReason` and `removedBy`.
 * The send path reads suppressions inside its own transaction, so each write is effective for
 * the very next send.
 */
import type { Db, Prisma, SuppressionRow } from '@cairn/db';

/** The database or a transaction of it. */
export type SuppressionDb = Pick<Db, 'suppression' | 'customer'>;

/** One suppression to record. */
export interface SuppressionRecord {
  customerId: string;
  /** email, sms, push, chat or all. */
  channel: string;
  /** unsubscribed, refused_contact, hard_bounce, spam_complaint, manual, imported. */
  reason: string;
  /** Who recorded it: "api", "one-click", "sms-stop", "import", a staff email… */
  source: string;
  note?: string;
  /** Blocks transactional messages too; left out: derived from reason and channel. */
  hard?: boolean;
  /** The CSV import that recorded it. */
  importId?: string;
}

/** Why and by whom suppressions are lifted. */
export interface Lift {
  reason: string;
  by: string;
  at: Date;
}

const rowOf = (r: SuppressionRecord): Prisma.SuppressionCreateManyInput => ({
  customerId: r.customerId,
  channel: r.channel,
  reason: r.reason,
  source: r.source,
  ...(r.note !== undefined ? { note: r.note } : {}),
  ...(r.hard !== undefined ? { hard: r.hard } : {}),
  ...(r.importId !== undefined ? { importId: r.importId } : {}),
});

/**
 * Records suppressions, idempotently: one already active with the same customer, channel and
 * reason (before, or recorded by a concurrent call, or twice in `records`) is left as it is.
 * Returns how many rows were new.
 */
export async function suppressMany(db: SuppressionDb, records: readonly SuppressionRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  // A profile merged into another (api/src/identity): its refusals belong to the surviving one.
  const ids = [...new Set(records.map((r) => r.customerId))];
  const pointers = new Map(
    (await db.customer.findMany({ where: { id: { in: ids }, mergedInto: { not: null } }, select: { id: true, mergedInto: true } })).map((c) => [c.id, c.mergedInto as string]),
  );
  const live = pointers.size ? records.map((r) => ({ ...r, customerId: pointers.get(r.customerId) ?? r.customerId })) : records;
  const r = await db.suppression.createMany({ data: live.map(rowOf), skipDuplicates: true });
  return r.count;
}

/**
 * Records one suppression, idempotently (see `suppressMany`), and returns the active row: the
 * new one, or the one that was already there.
 *
 * @example
 * await suppress(db, { customerId: 'c-1', channel: 'sms', reason: 'unsubscribed', source: 'sms-stop', hard: true });
 */
export async function suppress(db: SuppressionDb, record: SuppressionRecord): Promise<SuppressionRow> {
  await suppressMany(db, [record]);
  const live = await db.customer.findUnique({ where: { id: record.customerId }, select: { mergedInto: true } });
  const active = await db.suppression.findFirst({
    where: { customerId: live?.mergedInto ?? record.customerId, channel: record.channel, reason: record.reason, removedAt: null },
  });
  // Lifted between the two statements: record it again (the customer did ask).
  return active ?? suppress(db, record);
}

/**
 * Lifts the active suppressions `where` matches (already lifted ones keep their first lift).
 * Returns how many were lifted.
 */
export async function liftSuppressions(db: SuppressionDb, where: Prisma.SuppressionWhereInput, lift: Lift): Promise<number> {
  const r = await db.suppression.updateMany({
    where: { ...where, removedAt: null },
    data: { removedAt: lift.at, removedReason: lift.reason, removedBy: lift.by },
  });
  return r.count;
}
