/**
 * Stores a request's track-like calls (everything but identify: no profile merge, no attribute
 * rows) in ONE statement: the customers (created if new) and every event row, with
 * `ON CONFLICT ("messageId") DO NOTHING` for dedupe. One statement is one transaction: when it
 * returns, every row is committed, so the 200 may go.
 * A row that cannot need routing (no live trigger may match it and its customer runs no
 * enrolment, checked in the same statement) is stored as processed already; the others are left
 * unprocessed for the router (and, if it fails, the sweep).
 * Rows are inserted in messageId order and customers in id order, so concurrent requests take
 * their locks in the same order (no deadlock between two batches sharing ids).
 */
import { randomUUID } from 'node:crypto';
import type { Db, EventRow } from '@cairn/db';
import type { IngestCall } from './segment.js';
import { onlyLookup } from '../identity/resolve.js';

export interface BatchStored {
  /** Per call, in call order: the row stored now, or undefined when its messageId was stored before (a duplicate). */
  rows: Array<EventRow | undefined>;
  messageIds: string[];
}

/**
 * The calls, each with the customer resolved in JS (identity/resolve.ts) as $3; $11: whether the
 * call named only an anonymousId (a profile it creates is an anonymous visitor's).
 */
const INPUT_RESOLVED = `
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $11::boolean[])
    AS t(id, "messageId", "customerId", type, name, properties, context, timestamp, routable, anonymous)`;

/**
 * The calls with ids as sent ($3: userId, $11: anonymousId, one of them set; $12: named only an
 * anonymousId), each keyed by the surviving profile here, by resolve.ts's rules for calls that merge nothing: a userId (or an
 * anonymousId alone that is a customer's id) goes where it was merged into, if it was; an
 * anonymousId alone otherwise goes to the unmerged customer that carries it. Saves the separate
 * identity query.
 */
const INPUT_UNRESOLVED = `
  SELECT t.id, t."messageId", COALESCE(
      (SELECT COALESCE(c."mergedInto", c.id) FROM "Customer" c WHERE c.id = COALESCE(t."userId", t."anonymousId")),
      CASE WHEN t."userId" IS NULL THEN (SELECT c.id FROM "Customer" c WHERE c."anonymousId" = t."anonymousId" AND c."mergedInto" IS NULL ORDER BY c.id LIMIT 1) END,
      COALESCE(t."userId", t."anonymousId")
    ) AS "customerId", t.type, t.name, t.properties, t.context, t.timestamp, t.routable, t.anonymous
  FROM unnest($1::text[], $2::text[], $3::text[], $11::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $12::boolean[])
    AS t(id, "messageId", "userId", "anonymousId", type, name, properties, context, timestamp, routable, anonymous)`;

const storeSql = (input: string) => `
WITH input AS (${input}
), customers AS (
  INSERT INTO "Customer" (id, anonymous, "updatedAt")
  SELECT "customerId", bool_and(anonymous), now() FROM input GROUP BY 1 ORDER BY 1
  ON CONFLICT (id) DO NOTHING
)
INSERT INTO "Event" (id, "messageId", "customerId", type, name, properties, context, timestamp, "processedAt")
SELECT i.id, i."messageId", i."customerId", i.type, i.name, i.properties::jsonb, i.context::jsonb, i.timestamp::timestamp,
  CASE WHEN i.routable OR EXISTS (
    SELECT 1 FROM "Enrolment" e WHERE e."customerId" = i."customerId" AND e.status IN ('active', 'waiting')
  ) THEN NULL ELSE $10::timestamp END
FROM input i ORDER BY i."messageId"
ON CONFLICT ("messageId") DO NOTHING
RETURNING *`;
const STORE_RESOLVED = storeSql(INPUT_RESOLVED);
const STORE_UNRESOLVED = storeSql(INPUT_UNRESOLVED);

/** Segment's anonymousId, when a call names both ids: kept on the customer (as the one-by-one path does). */
const ANONYMOUS_SQL = `
UPDATE "Customer" c SET "anonymousId" = a.anon, "updatedAt" = now()
FROM unnest($1::text[], $2::text[]) AS a(id, anon)
WHERE c.id = a.id AND c."anonymousId" IS DISTINCT FROM a.anon`;

const DEADLOCK = '40P01';

/**
 * `routable(call)`: may a live trigger match it? (Then it is left for the router whatever the customer runs.)
 * `resolve: 'in-statement'`: the calls' customers are not resolved yet, and each names one id
 * (resolve.ts `onlyLookup`): the statement keys them itself; `calls[i].customerId` is then not
 * updated, the stored rows carry the customer.
 */
export async function storeBatch(
  db: Db,
  calls: IngestCall[],
  now: number,
  routable: (c: IngestCall) => boolean,
  resolve: 'resolved' | 'in-statement' = 'resolved',
): Promise<BatchStored> {
  if (calls.some((c) => c.type === 'identify')) throw new Error('identify calls are stored one by one (storeCall)');
  const inStatement = resolve === 'in-statement';
  if (inStatement && !calls.every(onlyLookup)) throw new Error('calls that may merge or link profiles are resolved before they are stored (resolveIdentities)');
  const messageIds = calls.map((c) => c.messageId ?? `cairn-${randomUUID()}`);
  const iso = (ms: number) => new Date(ms).toISOString();
  const params = [
    calls.map(() => randomUUID()),
    messageIds,
    calls.map((c) => (inStatement ? (c.userId ?? null) : c.customerId)),
    calls.map((c) => c.type),
    calls.map((c) => c.name),
    calls.map((c) => JSON.stringify(c.properties)),
    calls.map((c) => (c.context ? JSON.stringify(c.context) : null)),
    calls.map((c) => iso(c.timestamp ?? now)),
    calls.map((c) => routable(c)),
    iso(now),
    ...(inStatement ? [calls.map((c) => c.anonymousId ?? null)] : []),
    // A profile made by calls naming only an anonymousId is an anonymous visitor's.
    calls.map((c) => !c.userId),
  ];
  const inserted = await retryDeadlock(() => db.$queryRawUnsafe<RawEventRow[]>(inStatement ? STORE_UNRESOLVED : STORE_RESOLVED, ...params));
  const anonymous = new Map<string, string>();
  for (const c of calls) if (c.userId && c.anonymousId) anonymous.set(c.customerId, c.anonymousId);
  if (anonymous.size) {
    const ids = [...anonymous.keys()].sort();
    await retryDeadlock(() => db.$executeRawUnsafe(ANONYMOUS_SQL, ids, ids.map((id) => anonymous.get(id))));
  }
  const byMessageId = new Map(inserted.map((r) => [r.messageId, toEventRow(r)]));
  // A messageId twice in one request: the first call stored it, the second is a duplicate.
  const rows = messageIds.map((m) => {
    const row = byMessageId.get(m);
    byMessageId.delete(m);
    return row;
  });
  return { rows, messageIds };
}

/** Two statements that wait for each other's rows (other writers of the same customers): PostgreSQL aborts one; run it again. */
async function retryDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      const deadlock = e.code === DEADLOCK || String(e.message).includes(DEADLOCK);
      if (!deadlock || i >= attempts) throw err;
    }
  }
}

interface RawEventRow extends Omit<EventRow, 'timestamp' | 'receivedAt' | 'processedAt'> {
  timestamp: Date | string;
  receivedAt: Date | string;
  processedAt: Date | string | null;
}

/** Raw rows carry timestamps as the driver gives them: the same shape Prisma's own queries return. */
function toEventRow(r: RawEventRow): EventRow {
  const date = (v: Date | string) => (v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`));
  return {
    id: r.id,
    messageId: r.messageId,
    customerId: r.customerId,
    type: r.type,
    name: r.name,
    properties: r.properties,
    context: r.context,
    timestamp: date(r.timestamp),
    receivedAt: date(r.receivedAt),
    processedAt: r.processedAt === null ? null : date(r.processedAt),
  };
}
