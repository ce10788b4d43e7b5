/**
 * Full evaluation of a segment over every live customer, in pages: the recompute (writes the
 * differences with the stored membership, like the incremental update would have), the live size
 * estimate and the preview while editing (write nothing).
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
  return { events: d.events, policy: d.policy };
}

export interface RecomputeResult {
  scanned: number;
  size: number;
  entered: number;
  exited: number;
  ms: number;
}

/**
 * Recomputes one segment from scratch (membership rules read the other segments' stored
 * membership). Entries and exits it finds are recorded like the incremental update's, with
 * `via: "recompute"`; `onRows` gets each page's event rows (to route them to journeys).
 */
export async function recomputeSegment(db: Db, segmentId: string, now: number, onRows?: (rows: EventRow[]) => Promise<void>): Promise<RecomputeResult> {
  const t0 = performance.now();
  const segment = (await loadSegments(db)).find((s) => s.id === segmentId);
  if (!segment) throw new Error(`no segment ${segmentId} (or its definition does not parse)`);
  const needs = needsOf(segment.definition);
  let scanned = 0, size = 0, entered = 0, exited = 0;
  const at = new Date(now);
  for await (const page of customerPages(db)) {
    scanned += page.ids.length;
    const facts = await loadFacts(db, page.ids, needs, now, page.attributes);
    const changes: MembershipChange[] = [];
    for (const [customerId, f] of facts) {
      const is = evaluateSegment(segment.definition, f);
      if (is) size++;
      if (is !== f.memberOf.has(segmentId)) changes.push({ segmentId, segmentName: segment.name, customerId, entered: is });
    }
    if (changes.length) {
      const rows = await db.$transaction((tx) => writeChanges(tx, changes, at, 'recompute', (c) => `recompute:${segmentId}:${c.customerId}:${now}:${c.entered ? 'entered' : 'exited'}`));
      for (const c of changes) {
        if (c.entered) entered++;
        else exited++;
      }
      if (onRows) await onRows(rows);
    }
  }
  // Profiles merged into another since they joined are pointers now, never members (the
  // surviving profile was evaluated above).
  await db.$executeRaw`DELETE FROM "SegmentMember" m USING "Customer" c WHERE m."segmentId" = ${segmentId} AND c.id = m."customerId" AND c."mergedInto" IS NOT NULL`;
  // The count is exact now: it also corrects any drift of the running size.
  await db.$executeRaw`UPDATE "Segment" SET size = ${size}, "computedAt" = ${at} WHERE id = ${segmentId}`;
  await db.$executeRaw`INSERT INTO "SegmentSize" ("segmentId", at, size) VALUES (${segmentId}, date_trunc('hour', now()), ${size}) ON CONFLICT ("segmentId", at) DO UPDATE SET size = EXCLUDED.size`;
  return { scanned, size, entered, exited, ms: performance.now() - t0 };
}

/** Every segment, each after the ones it references. */
export async function recomputeAll(db: Db, now: number, onRows?: (rows: EventRow[]) => Promise<void>): Promise<Map<string, RecomputeResult>> {
  const out = new Map<string, RecomputeResult>();
  for (const s of await loadSegments(db)) out.set(s.id, await recomputeSegment(db, s.id, now, onRows));
  return out;
}

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
