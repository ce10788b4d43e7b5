/**
 * Which customers the list, the CSV export and a broadcast's "customers matching this filter"
 * mean: a search text (id, email or phone, anywhere in it, case-blind; or `key=value` for an
 * attribute), an optional attribute filter and an optional saved segment. Merged profiles are never listed: the surviving
 * one is. One SQL fragment, so the three agree.
 */
import { z } from 'zod';
import { Prisma } from '@cairn/db';
import { line } from '../validation/text.js';
import { escapeLike } from '../validation/like.js';

export const CustomerFilter = z.object({
  /** Id, email or phone contains this; `plan=pro` (or `plan:pro`) filters by an attribute instead. */
  query: line({ max: 200 }).default(''),
  /** An attribute's value (matched as text, and as a number or true/false when it reads as one). */
  attribute: z.object({ key: line({ min: 1, max: 200 }), value: line({ max: 500 }) }).optional(),
  /** Members of a saved segment (its membership rows, kept current by api/src/segments). */
  segmentId: line({ min: 1, max: 200 }).optional(),
});
export type CustomerFilter = z.infer<typeof CustomerFilter>;

/** `plan=pro` or `plan: pro` in the search box is an attribute filter; anything else a text search. */
export function parseQuery(query: string): { text: string } | { attribute: { key: string; value: string } } {
  const m = /^\s*([A-Za-z_$][\w.$-]*)\s*[=:]\s*(.*?)\s*$/.exec(query);
  // "a:b" that looks like an email or phone is still a text search.
  if (m && !query.includes('@')) return { attribute: { key: m[1] as string, value: m[2] as string } };
  return { text: query.trim() };
}

/** The JSON values a typed-in attribute value may stand for ("3" matches "3" and 3). */
function candidates(value: string): unknown[] {
  const out: unknown[] = [value];
  if (value !== '' && Number.isFinite(Number(value))) out.push(Number(value));
  if (value === 'true' || value === 'false') out.push(value === 'true');
  return out;
}

/** `attributes @> {key: value}` for each reading of the value: answered by the GIN index. */
function attributeSql(key: string, value: string): Prisma.Sql {
  // A dotted key reaches into nested objects ("address.city").
  const nest = (v: unknown) => key.split('.').reduceRight<unknown>((inner, k) => ({ [k]: inner }), v);
  const ors = candidates(value).map((v) => Prisma.sql`c.attributes @> ${JSON.stringify(nest(v))}::jsonb`);
  return Prisma.sql`(${Prisma.join(ors, ' OR ')})`;
}

/** The WHERE conditions (on alias `c`) of a filter; merged profiles excluded. */
export function filterSql(filter: CustomerFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`c."mergedInto" IS NULL`];
  const parsed = parseQuery(filter.query);
  if ('attribute' in parsed) parts.push(attributeSql(parsed.attribute.key, parsed.attribute.value));
  else if (parsed.text) {
    const like = `%${escapeLike(parsed.text)}%`;
    parts.push(Prisma.sql`(c.id ILIKE ${like} OR c.email ILIKE ${like} OR c.phone ILIKE ${like})`);
  }
  if (filter.attribute) parts.push(attributeSql(filter.attribute.key, filter.attribute.value));
  if (filter.segmentId) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "SegmentMember" m WHERE m."segmentId" = ${filter.segmentId} AND m."customerId" = c.id)`);
  return Prisma.join(parts, ' AND ');
}
