/**
 * Profiles that share an email or phone (match-keys.ts): the "possible duplicates" of a customer,
 * and, when the workspace merges on the same address (settings.ts), who merges into whom.
 * The survivor is the profile seen first (created earliest, then by id): it keeps its own values,
 * the later one fills in what it lacks (merge.ts).
 */
import { Prisma } from '@cairn/db';
import type { Db } from '@cairn/db';
import { emailKey, emailKeySql, phoneKey, phoneKeySql } from './match-keys.js';

export interface AddressMatch {
  id: string;
  createdAt: Date;
  email: string | null;
  phone: string | null;
  anonymous: boolean;
  /** Which address they share ("email" when both). */
  via: 'email' | 'phone';
}

type Reader = Pick<Db, '$queryRaw'> | Prisma.TransactionClient;

/**
 * Live profiles (not merged away) other than `exclude` whose email or phone matches. `knownOnly`
 * leaves out anonymous visitors' profiles (the automatic merge never takes them).
 */
export async function sameAddress(db: Reader, address: { email?: unknown; phone?: unknown }, exclude: readonly string[], opts: { knownOnly: boolean; limit?: number }): Promise<AddressMatch[]> {
  const email = emailKey(address.email);
  const phone = phoneKey(address.phone);
  if (!email && !phone) return [];
  const known = opts.knownOnly ? Prisma.sql`AND NOT c.anonymous` : Prisma.empty;
  const byEmail = email
    ? Prisma.sql`SELECT c.id, c."createdAt", c.email, c.phone, c.anonymous, 'email' AS via FROM "Customer" c
                  WHERE c."mergedInto" IS NULL AND c.email IS NOT NULL AND ${emailKeySql(Prisma.raw('c.email'))} = ${email} ${known}`
    : undefined;
  const byPhone = phone
    ? Prisma.sql`SELECT c.id, c."createdAt", c.email, c.phone, c.anonymous, 'phone' AS via FROM "Customer" c
                  WHERE c."mergedInto" IS NULL AND c.phone IS NOT NULL AND ${phoneKeySql(Prisma.raw('c.phone'))} = ${phone} ${known}`
    : undefined;
  const union = byEmail && byPhone ? Prisma.sql`${byEmail} UNION ALL ${byPhone}` : (byEmail ?? byPhone)!;
  const rows = await (db as Pick<Db, '$queryRaw'>).$queryRaw<AddressMatch[]>`
    SELECT DISTINCT ON (id) * FROM (${union}) m WHERE NOT (id = ANY(${[...exclude]}::text[]))
     ORDER BY id, via LIMIT ${opts.limit ?? 50}`;
  return rows.sort(firstSeen);
}

/** The profile seen first comes first. */
export function firstSeen(a: { id: string; createdAt: Date }, b: { id: string; createdAt: Date }): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The possible duplicates of a live customer: every live profile sharing its email or phone. */
export async function possibleDuplicates(db: Db, customerId: string): Promise<AddressMatch[]> {
  const c = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, email: true, phone: true, mergedInto: true } });
  if (!c || c.mergedInto) return [];
  return sameAddress(db, c, [c.id], { knownOnly: false });
}
