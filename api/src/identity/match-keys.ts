/**
 * How two profiles are recognised as one person by address: emails trimmed and lower-cased,
 * phones without spaces, dashes, dots or brackets ("+84 90-123 4567" is "+84901234567"). Only a
 * verified-looking address matches (an email with one "@" and a dot after it, a phone of 7 to 15
 * digits with an optional "+"), so placeholders such as "n/a" or "0" never join strangers.
 * The SQL below states the same normalisation, and the expression indexes of migration
 * 20261202200000_customer_merge_match_undo are built on exactly these expressions.
 */
import { Prisma } from '@cairn/db';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9]{7,15}$/;

/** The matching key of an email, or undefined when it does not look like a real address. */
export function emailKey(email: unknown): string | undefined {
  if (typeof email !== 'string') return undefined;
  const key = email.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '').toLowerCase();
  return EMAIL.test(key) ? key : undefined;
}

/** The matching key of a phone number (E.164-ish), or undefined when it does not look like one. */
export function phoneKey(phone: unknown): string | undefined {
  if (typeof phone !== 'string') return undefined;
  const key = phone.replace(/[ \t\n\r().-]/g, '');
  return PHONE.test(key) ? key : undefined;
}

/** SQL: the email key of a column (`Prisma.raw('c.email')`), as indexed. */
export const emailKeySql = (column: Prisma.Sql) => Prisma.sql`lower(btrim(${column}, E' \\t\\n\\r'))`;
/** SQL: whether an email key (`emailKeySql`) looks like a real address, as `emailKey` checks it. */
export const emailLooksRealSql = (key: Prisma.Sql) => Prisma.sql`${key} ~ ${EMAIL.source}`;
/** SQL: the phone key of a column, as indexed. */
export const phoneKeySql = (column: Prisma.Sql) => Prisma.sql`regexp_replace(${column}, E'[ \\t\\n\\r().-]', '', 'g')`;
