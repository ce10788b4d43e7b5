/**
 * A segment definition as one SQL condition on a customer row (alias `c`), so an audience's size
 * is one `count(*)` in PostgreSQL instead of loading every customer's facts into Node. Only rules
 * whose meaning SQL can reproduce exactly (evaluate.ts and rules/evaluate.ts are the reference)
 * translate; anything else (consent history, relative dates, comparisons with date-like text,
 * non-ASCII text) returns undefined and the caller falls back to evaluating in JS.
 *
 * Loose equality as the rules have it: text case-insensitively, numbers with numeric text and
 * booleans (true is 1). Numeric text is what matches JSON number syntax with surrounding spaces;
 * hexadecimal or binary text ("0x10"), which JS would also read as a number, is left out.
 */
import { Prisma } from '@cairn/db';
import { durationMs } from '@cairn/core/internal/journey/primitives';
import type { Operator, PropertyRule, RuleValue, Scalar } from '@cairn/core/internal/rules/schema';
import { isSegmentGroup, type ContextFilter, type SegmentGroup, type SegmentRule } from '@cairn/core/internal/segments/schema';

const NUMERIC_TEXT = String.raw`^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$`;
const ASCII = /^[\x20-\x7e]*$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

class Untranslatable extends Error {}
const no = (why: string): never => {
  throw new Untranslatable(why);
};

/** True when JS would read `s` as a number (trimmed, finite), within the syntax SQL can cast. */
function numericText(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s)) && new RegExp(NUMERIC_TEXT).test(s);
}

/** A JSON path literal for `#>` from a dotted attribute name. */
const pathOf = (attribute: string) => Prisma.sql`${`{${attribute.split('.').map((k) => `"${k.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;

/** `v` (a jsonb expression) loosely equal to one expected scalar. */
function equals(v: Prisma.Sql, expected: Scalar | undefined): Prisma.Sql {
  if (expected === undefined || expected === null) return Prisma.sql`false`;
  if (typeof expected === 'boolean') {
    // true equals true, 1 and "1" (and false 0 and "0"): JS compares booleans as 1 and 0.
    return equals(v, expected ? 1 : 0);
  }
  if (typeof expected === 'number') {
    if (!Number.isFinite(expected)) return Prisma.sql`false`;
    const n = Prisma.sql`${String(expected)}::numeric`;
    return Prisma.sql`(CASE jsonb_typeof(${v})
      WHEN 'number' THEN (${v})::numeric = ${n}
      WHEN 'boolean' THEN (CASE WHEN (${v})::boolean THEN 1 ELSE 0 END) = ${n}
      WHEN 'string' THEN CASE WHEN ((${v}) #>> '{}') ~ ${NUMERIC_TEXT} THEN trim((${v}) #>> '{}')::numeric = ${n} ELSE false END
      ELSE false END)`;
  }
  if (numericText(expected)) return equals(v, Number(expected));
  if (DATE_LIKE.test(expected) || !ASCII.test(expected)) no('a comparison with a date or non-ASCII text');
  // Non-numeric text: equal only to text, case-insensitively (ASCII, so lower() is JS's).
  return Prisma.sql`(jsonb_typeof(${v}) = 'string' AND ((${v}) #>> '{}') ~ '^[ -~]*$' AND lower((${v}) #>> '{}') = ${expected.toLowerCase()})`;
}

/** Whether `v` (jsonb, NULL when missing) satisfies `operator expected`, as rules/evaluate.ts compare(). */
function compareSql(v: Prisma.Sql, operator: Operator, expected: RuleValue | undefined): Prisma.Sql {
  const list = Array.isArray(expected) ? expected : [expected];
  // A list where one value is expected compares as JS does (never equal): left to JS.
  const one = (): Scalar | undefined => (Array.isArray(expected) ? no('a list where one value is expected') : expected);
  const any = (items: Array<Scalar | undefined>) => (items.length ? Prisma.sql`(${Prisma.join(items.map((e) => equals(v, e)), ' OR ')})` : Prisma.sql`false`);
  switch (operator) {
    case 'exists':
      return Prisma.sql`(${v} IS NOT NULL AND jsonb_typeof(${v}) <> 'null' AND ${v} <> '""'::jsonb)`;
    case 'notExists':
      return Prisma.sql`(${v} IS NULL OR jsonb_typeof(${v}) = 'null' OR ${v} = '""'::jsonb)`;
    case 'eq':
      return Prisma.sql`COALESCE(${equals(v, one())}, false)`;
    case 'neq':
      return Prisma.sql`NOT COALESCE(${equals(v, one())}, false)`;
    case 'in':
      return Prisma.sql`COALESCE(${any(list)}, false)`;
    case 'notIn':
      return Prisma.sql`NOT COALESCE(${any(list)}, false)`;
    case 'contains':
    case 'notContains': {
      const scalar = one();
      if (typeof scalar !== 'string' || scalar === '' || !ASCII.test(scalar)) no('"contains" with other than plain text');
      const s = scalar as string;
      const has = Prisma.sql`COALESCE(CASE jsonb_typeof(${v})
        WHEN 'string' THEN ((${v}) #>> '{}') ~ '^[ -~]*$' AND strpos(lower((${v}) #>> '{}'), ${s.toLowerCase()}) > 0
        WHEN 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(${v}) el(x) WHERE ${equals(Prisma.sql`el.x`, s)})
        ELSE false END, false)`;
      return operator === 'contains' ? has : Prisma.sql`NOT ${has}`;
    }
    case 'startsWith': {
      const s = String(one() ?? '');
      if (!ASCII.test(s)) no('"starts with" non-ASCII text');
      return Prisma.sql`COALESCE(jsonb_typeof(${v}) = 'string' AND ((${v}) #>> '{}') ~ '^[ -~]*$' AND starts_with(lower((${v}) #>> '{}'), ${s.toLowerCase()}), false)`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      // Numbers only: text and dates compare in ways (JS string order, local-time parsing) SQL does not share.
      const scalar = one();
      const e = typeof scalar === 'number' ? scalar : typeof scalar === 'boolean' ? (scalar ? 1 : 0) : typeof scalar === 'string' && numericText(scalar) ? Number(scalar) : no('an order comparison with other than a number');
      const op = Prisma.raw({ gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator]);
      const n = Prisma.sql`${String(e)}::numeric`;
      return Prisma.sql`COALESCE(CASE jsonb_typeof(${v})
        WHEN 'number' THEN (${v})::numeric ${op} ${n}
        WHEN 'boolean' THEN (CASE WHEN (${v})::boolean THEN 1 ELSE 0 END) ${op} ${n}
        WHEN 'string' THEN CASE WHEN ((${v}) #>> '{}') ~ ${NUMERIC_TEXT} THEN trim((${v}) #>> '{}')::numeric ${op} ${n} ELSE false END
        ELSE false END, false)`;
    }
  }
}

/** Context filters on event `e` (an event sent without context has none of the fields, as in JS). */
const contextSql = (filters: readonly ContextFilter[]) => filters.map((f) => compareSql(Prisma.sql`(e.context #> ${pathOf(f.field)})`, f.operator, f.value));

/**
 * The customers with matching events, as a set (`c.id IN (...)`), not a subquery per customer:
 * PostgreSQL reads the events once (a semi-join, or a hashed subplan inside OR and NOT) instead of
 * probing each customer's history. `having` keeps those whose count of matching events passes.
 */
function withEvents(filters: Prisma.Sql[], since: Date | undefined, now: number, having?: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`c.id IN (SELECT e."customerId" FROM "Event" e WHERE e.timestamp <= ${new Date(now)}
    ${since ? Prisma.sql`AND e.timestamp >= ${since}` : Prisma.empty}
    ${filters.length ? Prisma.sql`AND ${Prisma.join(filters, ' AND ')}` : Prisma.empty}
    ${having ? Prisma.sql`GROUP BY e."customerId" HAVING count(*) ${having}` : Prisma.empty})`;
}

function ruleSql(rule: SegmentRule, now: number): Prisma.Sql {
  switch (rule.kind) {
    case 'attribute':
      return compareSql(Prisma.sql`(c.attributes #> ${pathOf(rule.attribute)})`, rule.operator, rule.value);
    case 'event': {
      const since = rule.within ? new Date(now - durationMs(rule.within)) : undefined;
      const filters = [Prisma.sql`e.name = ${rule.event}`, ...rule.where.map((w: PropertyRule) => compareSql(Prisma.sql`(e.properties #> ${pathOf(w.property)})`, w.operator, w.value)), ...contextSql(rule.context ?? [])];
      const { operator, value } = rule.count;
      if (operator === 'gte') return value === 0 ? Prisma.sql`true` : withEvents(filters, since, now, value === 1 ? undefined : Prisma.sql`>= ${value}`);
      // At most N is "not more than N"; none is "not any" (customers without events are in neither set).
      if (operator === 'lte' || value === 0) return Prisma.sql`NOT (${withEvents(filters, since, now, value === 0 ? undefined : Prisma.sql`> ${value}`)})`;
      return withEvents(filters, since, now, Prisma.sql`= ${value}`);
    }
    case 'seen': {
      // Calls sent with a context object only (facts.ts loads the same ones).
      const since = rule.within ? new Date(now - durationMs(rule.within)) : undefined;
      return withEvents([Prisma.sql`jsonb_typeof(e.context) = 'object'`, ...contextSql(rule.context)], since, now);
    }
    case 'tag': {
      const has = Prisma.sql`(jsonb_typeof(c.attributes -> 'tags') = 'array' AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(c.attributes -> 'tags') t(x)
         WHERE (CASE jsonb_typeof(t.x) WHEN 'string' THEN t.x #>> '{}' WHEN 'number' THEN t.x::text WHEN 'boolean' THEN t.x::text WHEN 'null' THEN 'null' ELSE NULL END) = ${rule.tag}))`;
      return rule.has ? has : Prisma.sql`NOT ${has}`;
    }
    case 'suppression': {
      const channels = rule.channel === 'all' ? ['all'] : ['all', rule.channel];
      const s = Prisma.sql`EXISTS (SELECT 1 FROM "Suppression" s WHERE s."customerId" = c.id AND s."removedAt" IS NULL AND s.channel = ANY(${channels}::text[]))`;
      return rule.suppressed ? s : Prisma.sql`NOT ${s}`;
    }
    case 'segment': {
      const m = Prisma.sql`EXISTS (SELECT 1 FROM "SegmentMember" sm WHERE sm."segmentId" = ${rule.segmentId} AND sm."customerId" = c.id)`;
      return rule.member ? m : Prisma.sql`NOT ${m}`;
    }
    case 'consent':
      return no('consent (the latest record of several wins)');
    case 'date':
      return no('relative dates');
  }
}

function groupSql(group: SegmentGroup, now: number): Prisma.Sql {
  // An empty AND group matches everyone; an empty OR group no one.
  if (!group.rules.length) return group.op === 'and' ? Prisma.sql`true` : Prisma.sql`false`;
  const parts = group.rules.map((r) => Prisma.sql`(${isSegmentGroup(r) ? groupSql(r, now) : ruleSql(r, now)})`);
  return Prisma.join(parts, group.op === 'and' ? ' AND ' : ' OR ');
}

/** The definition as a condition on `"Customer" c`, or why it does not translate. */
export function segmentSql(definition: SegmentGroup, now: number): { ok: true; where: Prisma.Sql } | { ok: false; reason: string } {
  try {
    return { ok: true, where: Prisma.sql`(${groupSql(definition, now)})` };
  } catch (err) {
    if (err instanceof Untranslatable) return { ok: false, reason: err.message };
    throw err;
  }
}
