/**
 * Full evaluation of a segment over every live customer: the recompute (writes the differences
 * with the stored membership, like the incremental update would have), the live size estimate and
 * the preview while editing (write nothing). Where the definition translates to SQL (sql.ts), the
 * member set is one set-based query; otherwise every customer's facts are evaluated in JS, in pages.
 */
import type { EventRow } from '@cairn/db';
import { loadSegments, type Tx } from './catalog.js';
import { Prisma, type Db } from '@cairn/db';
import { evaluateSegment } from '@cairn/core/internal/segments/evaluate';
import { loadFacts } from './facts.js';
import { depsOf } from '@cairn/core/internal/segments/graph';
import type { SegmentGroup } from '@cairn/core/internal/segments/schema';
import { segmentSql } from './sql.js';
import { writeChanges, type MembershipChange } from './write.js';

const PAGE = 1000;

/**
 * For the set-based statements: an event rule inside OR or NOT is a hashed subplan (a hash of
 * customer ids) only when PostgreSQL thinks it fits in work_mem; otherwise it rescans the id list
 * for every customer. The default 4 MB holds on the order of 100,000 ids; this, over a million.
 */
const SET_WORK_MEM = '64MB';

interface CustomerPage {
  ids: string[];
  attributes: Map<string, Record<string, unknown>>;
}

/** Live customers (merged-away profiles are pointers, never members), `PAGE` at a time in id order. */
async function* customerPages(db: Tx, sample?: number): AsyncGenerator<CustomerPage> {
  let after = '';
  for (;;) {
    const rows = sample !== undefined
      ? await db.$queryRawUnsafe<Array<{ id: string; attributes: unknown }>>(`SELECT id, attributes FROM "Customer" TABLESAMPLE BERNOULLI (${sample}) WHERE "mergedInto" IS NULL AND id > $1 ORDER BY id LIMIT ${PAGE}`, after)
      : await db.$queryRaw<Array<{ id: string; attributes: unknown }>>`SELECT id, attributes FROM "Customer" WHERE "mergedInto" IS NULL AND id > ${after} ORDER BY id LIMIT ${PAGE}`;
    if (!rows.length) return;
    const attributes = new Map(rows.map((r) => [r.id, typeof r.attributes === 'object' && r.attributes !== null && !Array.isArray(r.attributes) ? (r.attributes as Record<string, unknown>) : {}]));
    yield { ids: rows.map((r) => r.id), attributes };
    after = rows[rows.length - 1]!.id;
    if (rows.length < PAGE) return;
  }
}

function needsOf(definition: SegmentGroup) {
  const d = depsOf(definition);
  return { events: d.events, policy: d.policy, seen: d.seen };
}

/**
 * What a full recompute of one segment did: customers scanned, the new size, entries and exits, the time
 * taken, and which path ran (SQL or JS) and why.
 */
export interface RecomputeResult {
  scanned: number;
  size: number;
  entered: number;
  exited: number;
  ms: number;
  /** "sql": the member set came from one set-based query; "js": every customer evaluated in JS. */
  method: 'sql' | 'js';
  /** Why it ran in JS, when it did (the rule SQL cannot reproduce exactly, or SQL turned off). */
  why?: string;
}

type Segment = Awaited<ReturnType<typeof loadSegments>>[number];
type OnRows = (rows: EventRow[]) => Promise<void>;

/**
 * Recomputes one segment from scratch (membership rules read the other segments' stored
 * membership). Entries and exits it finds are recorded like the incremental update's, with
 * `via: "recompute"`; `onRows` gets each page's event rows (to route them to journeys). In SQL
 * where the definition translates, else in JS; `opts.sql: false` forces JS (benchmarks, tests).
 */
export async function recomputeSegment(db: Db, segmentId: string, now: number, onRows?: OnRows, opts: { sql?: boolean } = {}): Promise<RecomputeResult> {
  const t0 = performance.now();
  const segment = (await loadSegments(db)).find((s) => s.id === segmentId);
  if (!segment) throw new Error(`no segment ${segmentId} (or its definition does not parse)`);
  const translated = opts.sql === false ? { ok: false as const, reason: 'SQL turned off' } : segmentSql(segment.definition, now);
  const counted = translated.ok ? await diffInSql(db, segment, translated.where, now, onRows) : { ...(await diffInJs(db, segment, now, onRows)), why: translated.reason };
  const at = new Date(now);
  // Profiles merged into another since they joined are pointers now, never members (the
  // surviving profile was evaluated above).
  await db.$executeRaw`DELETE FROM "SegmentMember" m USING "Customer" c WHERE m."segmentId" = ${segmentId} AND c.id = m."customerId" AND c."mergedInto" IS NOT NULL`;
  // The count is exact now: it also corrects any drift of the running size.
  await db.$executeRaw`UPDATE "Segment" SET size = ${counted.size}, "computedAt" = ${at} WHERE id = ${segmentId}`;
  await db.$executeRaw`INSERT INTO "SegmentSize" ("segmentId", at, size) VALUES (${segmentId}, date_trunc('hour', now()), ${counted.size}) ON CONFLICT ("segmentId", at) DO UPDATE SET size = EXCLUDED.size`;
  return { ...counted, ms: performance.now() - t0 };
}

/** Writes one page of changes as the JS path and the incremental update do (same messageIds as before). */
async function writePage(db: Db, segment: Segment, changes: MembershipChange[], now: number, onRows?: OnRows): Promise<void> {
  if (!changes.length) return;
  const rows = await db.$transaction((tx) => writeChanges(tx, changes, new Date(now), 'recompute', (c) => `recompute:${segment.id}:${c.customerId}:${now}:${c.entered ? 'entered' : 'exited'}`));
  if (onRows) await onRows(rows);
}

/**
 * The member set as one statement: the live customers matching, against the live stored members
 * (both read in one snapshot), so only the differences come back to Node and are written.
 */
async function diffInSql(db: Db, segment: Segment, where: Prisma.Sql, now: number, onRows?: OnRows) {
  const [r] = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${SET_WORK_MEM}'`);
    return tx.$queryRaw<Array<{ scanned: number; size: number; entered: string[]; exited: string[] }>>`
    WITH want AS MATERIALIZED (SELECT c.id FROM "Customer" c WHERE c."mergedInto" IS NULL AND ${where}),
         cur AS MATERIALIZED (SELECT m."customerId" AS id FROM "SegmentMember" m JOIN "Customer" c ON c.id = m."customerId" AND c."mergedInto" IS NULL WHERE m."segmentId" = ${segment.id})
    SELECT (SELECT count(*)::int FROM "Customer" WHERE "mergedInto" IS NULL) AS scanned,
           (SELECT count(*)::int FROM want) AS size,
           COALESCE((SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM want EXCEPT SELECT id FROM cur) x), '{}') AS entered,
           COALESCE((SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM cur EXCEPT SELECT id FROM want) x), '{}') AS exited`;
  });
  const entered = r?.entered ?? [], exited = r?.exited ?? [];
  // In customer-id order and pages, as the JS path writes them.
  const changes: MembershipChange[] = [
    ...entered.map((customerId) => ({ segmentId: segment.id, segmentName: segment.name, customerId, entered: true })),
    ...exited.map((customerId) => ({ segmentId: segment.id, segmentName: segment.name, customerId, entered: false })),
  ].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  for (let i = 0; i < changes.length; i += PAGE) await writePage(db, segment, changes.slice(i, i + PAGE), now, onRows);
  return { method: 'sql' as const, scanned: r?.scanned ?? 0, size: r?.size ?? 0, entered: entered.length, exited: exited.length };
}

async function diffInJs(db: Db, segment: Segment, now: number, onRows?: OnRows) {
  const segmentId = segment.id;
  const needs = needsOf(segment.definition);
  let scanned = 0, size = 0, entered = 0, exited = 0;
  for await (const page of customerPages(db)) {
    scanned += page.ids.length;
    const facts = await loadFacts(db, page.ids, needs, now, page.attributes);
    const changes: MembershipChange[] = [];
    for (const [customerId, f] of facts) {
      const is = evaluateSegment(segment.definition, f);
      if (is) size++;
      if (is !== f.memberOf.has(segmentId)) changes.push({ segmentId, segmentName: segment.name, customerId, entered: is });
    }
    for (const c of changes) {
      if (c.entered) entered++;
      else exited++;
    }
    await writePage(db, segment, changes, now, onRows);
  }
  return { method: 'js' as const, scanned, size, entered, exited };
}

/** Every segment, each after the ones it references. */
export async function recomputeAll(db: Db, now: number, onRows?: OnRows, opts: { sql?: boolean } = {}): Promise<Map<string, RecomputeResult>> {
  const out = new Map<string, RecomputeResult>();
  for (const s of await loadSegments(db)) out.set(s.id, await recomputeSegment(db, s.id, now, onRows, opts));
  return out;
}

/**
 * A segment's size while editing: matching customers out of all live ones, how it was counted (SQL, a JS
 * scan or a sample), and a preview.
 */
export interface Estimate {
  /** Customers who match (exact when `approximate` is false). */
  count: number;
  /** Live customers in the workspace. */
  total: number;
  /** True when only a random sample was evaluated and `count` is extrapolated from it. */
  approximate: boolean;
  /**
   * How it was counted: "sql" (the definition translated to one exact query), "scan" (every
   * customer evaluated in JS, exact) or "sample" (a random sample evaluated in JS).
   */
  method: 'sql' | 'scan' | 'sample';
  /** Why the definition was evaluated in JS, when it was (a rule SQL cannot reproduce exactly). */
  why?: string;
  /** The first matching customers found (ids, emails, a few attributes). */
  preview: Array<{ id: string; email: string | null; attributes: Record<string, unknown> }>;
}

/** Longest the exact query may take before the estimate falls back to a sample. */
const SQL_BUDGET_MS = 5_000;

/**
 * Evaluates an unsaved definition: how many match and who, for the editor's live estimate.
 * Translated to SQL (sql.ts) it is one exact count whatever the table's size. Otherwise it is
 * evaluated in JS: exactly up to `exactLimit` customers; beyond, on a random sample of about that
 * many (TABLESAMPLE), extrapolated and marked approximate.
 */
export async function estimateSegment(db: Db, definition: SegmentGroup, now: number, opts: { exactLimit?: number; previewSize?: number; sql?: boolean } = {}): Promise<Estimate> {
  const previewSize = opts.previewSize ?? 20;
  const translated = opts.sql === false ? { ok: false as const, reason: 'SQL turned off' } : segmentSql(definition, now);
  if (translated.ok) {
    const where = Prisma.sql`c."mergedInto" IS NULL AND ${translated.where}`;
    try {
      const [counted, rows] = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${SQL_BUDGET_MS}`);
        await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${SET_WORK_MEM}'`);
        const [n] = await tx.$queryRaw<Array<{ n: number; total: number }>>`
          SELECT count(*) FILTER (WHERE ${translated.where})::int AS n, count(*)::int AS total FROM "Customer" c WHERE c."mergedInto" IS NULL`;
        const sample = await tx.$queryRaw<Array<{ id: string; email: string | null; attributes: unknown }>>`
          SELECT c.id, c.email, c.attributes FROM "Customer" c WHERE ${where} ORDER BY c.id LIMIT ${previewSize}`;
        return [n, sample] as const;
      });
      return {
        count: counted?.n ?? 0,
        total: counted?.total ?? 0,
        approximate: false,
        method: 'sql',
        preview: rows.map((r) => ({ id: r.id, email: r.email, attributes: (r.attributes ?? {}) as Record<string, unknown> })),
      };
    } catch (err) {
      // Too slow (or refused): the bounded JS pass below still answers, as an estimate.
      return { ...(await estimateInJs(db, definition, now, { ...opts, forceSample: true })), why: `the exact count took too long (${(err as Error).message.split('\n')[0]})` };
    }
  }
  return { ...(await estimateInJs(db, definition, now, opts)), why: translated.reason };
}

async function estimateInJs(db: Db, definition: SegmentGroup, now: number, opts: { exactLimit?: number; previewSize?: number; forceSample?: boolean }): Promise<Estimate> {
  const exactLimit = opts.exactLimit ?? 20_000;
  const previewSize = opts.previewSize ?? 20;
  const [t] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Customer" WHERE "mergedInto" IS NULL`;
  const total = t?.n ?? 0;
  const approximate = total > exactLimit || (opts.forceSample === true && total > 0);
  const needs = needsOf(definition);
  let scanned = 0, count = 0;
  const previewIds: string[] = [];
  for await (const page of customerPages(db, approximate ? Math.min(100, (100 * exactLimit) / Math.max(total, 1)) : undefined)) {
    scanned += page.ids.length;
    const facts = await loadFacts(db, page.ids, needs, now, page.attributes);
    for (const [id, f] of facts) {
      if (!evaluateSegment(definition, f)) continue;
      count++;
      if (previewIds.length < previewSize) previewIds.push(id);
    }
  }
  const rows = previewIds.length ? await db.customer.findMany({ where: { id: { in: previewIds } }, select: { id: true, email: true, attributes: true }, orderBy: { id: 'asc' } }) : [];
  return {
    count: approximate && scanned > 0 ? Math.round((count / scanned) * total) : count,
    total,
    approximate,
    method: approximate ? 'sample' : 'scan',
    preview: rows.map((r) => ({ id: r.id, email: r.email, attributes: (r.attributes ?? {}) as Record<string, unknown> })),
  };
}
