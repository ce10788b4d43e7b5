/**
 * One customer per person: merges one customer profile into another, as Segment's identity calls
 * ask (an identify naming both an anonymousId and a userId, an alias naming a previousId), as a
 * matching email or phone asks when the workspace merges on it (match.ts), or as an admin asks.
 *
 * Everything the merged profile (the source) had moves to the surviving one (the target), in one
 * transaction under both rows' locks: events, messages, enrolments (with their conversions and
 * sales tasks), suppressions and consents; attributes and addresses fill in what the target lacks
 * (the target's own values win: it is the identified person), and tags are combined. A refusal
 * is never loosened: every active suppression survives, and a topic either side had refused stays refused whatever the other side granted later.
 *
 * The source row stays, emptied, as a pointer (`mergedInto`): running journeys name it in their
 * workflow input, and every activity reads and writes through the pointer (engine customer/live.ts),
 * so they continue on the surviving profile, judged by its suppressions. Chains are flattened.
 *
 * Everything is recorded so the merge can be undone (unmerge.ts): both profiles as they were
 * (`CustomerMerge.before`) and each row moved or written (`CustomerMergeItem`). Two entries of the
 * person into a once-only journey end up on one profile: the later one is ended (once-only.ts);
 * the caller tells its run once the transaction commits (tell.ts).
 */
import { randomUUID } from 'node:crypto';
import { Prisma } from '@cairn/db';
import type { EventRow } from '@cairn/db';
import { segmentsAfterMerge } from '@cairn/engine/runtime';
import { endDuplicateOnceEntries, type EndedEntry } from './once-only.js';

/** identify (anonymousId), alias, a matching email or phone, an admin (manual). */
export type MergeReason = 'identify' | 'alias' | 'email' | 'phone' | 'manual';

export interface MergeOutcome {
  /** False when nothing was merged (the same person already, or the source belongs to someone else). */
  merged: boolean;
  sourceId: string;
  targetId: string;
  /** Why nothing was merged, in words. */
  skipped?: string;
  moved: Record<string, number>;
  /**
   * The `$segment_entered/exited` rows the merge recorded on the surviving profile (stored
   * unrouted: the caller routes them, else the sweep does).
   */
  segmentRows: EventRow[];
  /** Later entries into once-only journeys the merge ended: the caller tells their runs (tell.ts). */
  ended: EndedEntry[];
  /** The CustomerMerge row (absent when nothing was merged). */
  mergeId?: string;
}

export interface MergeOptions {
  now?: number;
  /** Who asked: "ingest", "import", "api", or a user's email. */
  by?: string;
}

interface LockedProfile {
  id: string;
  mergedInto: string | null;
  attributes: unknown;
  email: string | null;
  phone: string | null;
  timeZone: string | null;
  pushToken: string | null;
  chatId: string | null;
  anonymousId: string | null;
  anonymous: boolean;
}

/** A profile's own fields as they were before the merge (`CustomerMerge.before.source/target`). */
export type ProfileBefore = Omit<LockedProfile, 'id' | 'mergedInto'>;

type Tx = Prisma.TransactionClient;

/** The tables whose rows follow the person whole (moved by `moveAll`, given back by unmerge.ts `giveBack`). */
export type MovedTable = 'Event' | 'Message' | 'Conversion' | 'SalesTask' | 'Suppression' | 'Consent' | 'PushDevice';

const LOCK_COLUMNS = 'id, "mergedInto", attributes, email, phone, "timeZone", "pushToken", "chatId", "anonymousId", anonymous';

/**
 * Merges `sourceId` into `targetId` inside the caller's transaction. A source never seen before
 * becomes a pointer only (an alias of an id that has sent nothing yet).
 */
export async function mergeCustomers(tx: Tx, sourceId: string, targetId: string, reason: MergeReason, opts: MergeOptions = {}): Promise<MergeOutcome> {
  const now = opts.now ?? Date.now();
  const by = opts.by ?? 'ingest';
  const none = (skipped: string): MergeOutcome => ({ merged: false, sourceId, targetId, skipped, moved: {}, segmentRows: [], ended: [] });
  if (sourceId === targetId) return none('the same id');
  await tx.$executeRaw`INSERT INTO "Customer" (id, "updatedAt") VALUES (${targetId}, now()) ON CONFLICT (id) DO NOTHING`;
  // Both rows locked in id order: two merges of the same pair at once cannot deadlock.
  const locked = await tx.$queryRawUnsafe<LockedProfile[]>(`SELECT ${LOCK_COLUMNS} FROM "Customer" WHERE id IN ($1, $2) ORDER BY id FOR UPDATE`, sourceId, targetId);
  let target = locked.find((r) => r.id === targetId);
  const source = locked.find((r) => r.id === sourceId);
  if (target?.mergedInto) {
    // The target was itself merged away: merge into the profile it points at.
    if (target.mergedInto === sourceId) return none(`${targetId} was already merged into ${sourceId}`);
    [target] = await tx.$queryRawUnsafe<LockedProfile[]>(`SELECT ${LOCK_COLUMNS} FROM "Customer" WHERE id = $1 FOR UPDATE`, target.mergedInto);
  }
  if (!target) return none(`no customer ${targetId}`);
  const into = target.id;
  const mergeId = randomUUID();
  if (!source) {
    await tx.$executeRaw`INSERT INTO "Customer" (id, "mergedInto", "updatedAt") VALUES (${sourceId}, ${into}, now()) ON CONFLICT (id) DO NOTHING`;
    await tx.customerMerge.create({ data: { id: mergeId, sourceId, targetId: into, reason, by, moved: {}, before: { source: null, target: profileOf(target) } as unknown as Prisma.InputJsonObject } });
    return { merged: true, sourceId, targetId: into, moved: {}, segmentRows: [], ended: [], mergeId };
  }
  if (source.mergedInto) {
    return source.mergedInto === into ? none('already merged') : none(`${sourceId} was merged into ${source.mergedInto} before: an id is merged once`);
  }
  // The record first: every moved row below is listed under its id (CustomerMergeItem).
  await tx.customerMerge.create({ data: { id: mergeId, sourceId, targetId: into, reason, by, moved: {}, before: { source: profileOf(source), target: profileOf(target) } as unknown as Prisma.InputJsonObject } });

  const moved: Record<string, number> = {};
  // Every row of `table` the source owns moves to the survivor, each listed for an un-merge.
  const moveAll = (table: MovedTable, kind: string) => tx.$executeRaw`
    WITH m AS (UPDATE ${Prisma.raw(`"${table}"`)} SET "customerId" = ${into} WHERE "customerId" = ${sourceId} RETURNING id)
    INSERT INTO "CustomerMergeItem" ("mergeId", kind, "itemId") SELECT ${mergeId}, ${kind}, id FROM m`;
  // Attributes and addresses: the target's own values win, the source fills in the rest; tags are
  // the one list both sides add to (the "Add tag" action, imports), so the survivor has both's.
  const tags = combinedTags(source.attributes, target.attributes);
  await tx.$executeRaw`
    UPDATE "Customer" t
       SET attributes = (CASE WHEN jsonb_typeof(s.attributes) = 'object' THEN s.attributes ELSE '{}'::jsonb END)
                        || (CASE WHEN jsonb_typeof(t.attributes) = 'object' THEN t.attributes ELSE '{}'::jsonb END)
                        || ${JSON.stringify(tags ? { tags } : {})}::jsonb,
           email = COALESCE(t.email, s.email), phone = COALESCE(t.phone, s.phone),
           "timeZone" = COALESCE(t."timeZone", s."timeZone"), "pushToken" = COALESCE(t."pushToken", s."pushToken"),
           "chatId" = COALESCE(t."chatId", s."chatId"),
           "anonymousId" = COALESCE(t."anonymousId", s."anonymousId", ${reason === 'identify' ? sourceId : null}),
           "updatedAt" = now()
      FROM "Customer" s
     WHERE t.id = ${into} AND s.id = ${sourceId}`;

  moved.events = await moveAll('Event', 'event');
  moved.messages = await moveAll('Message', 'message');

  // What the person's entries led to: conversions and sales tasks follow them to the survivor
  // (a rep's open task now shows the one profile; results count the conversion once, as before).
  moved.conversions = await moveAll('Conversion', 'conversion');
  moved.salesTasks = await moveAll('SalesTask', 'salesTask');

  // Entries into the same journey: the source's are numbered after the target's, so each
  // (journey, customer, entry) stays unique; their workflow ids are stored and do not change.
  // Each keeps its number from before, for an un-merge.
  await tx.$executeRaw`
    INSERT INTO "CustomerMergeItem" ("mergeId", kind, "itemId", entry)
    SELECT ${mergeId}, 'enrolment', id, entry FROM "Enrolment" WHERE "customerId" = ${sourceId}`;
  moved.renumberedEntries = await tx.$executeRaw`
    UPDATE "Enrolment" e SET entry = e.entry + m.last
      FROM (SELECT "journeyId", max(entry) AS last FROM "Enrolment" WHERE "customerId" = ${into} GROUP BY "journeyId") m
     WHERE e."customerId" = ${sourceId} AND e."journeyId" = m."journeyId"`;
  moved.enrolments = await tx.$executeRaw`UPDATE "Enrolment" SET "customerId" = ${into} WHERE "customerId" = ${sourceId}`;

  // Suppressions: all move; one the target already has (same channel and reason) is closed as a
  // duplicate first, since one active row per customer, channel and reason is enforced.
  await tx.$executeRaw`
    WITH c AS (
      UPDATE "Suppression" s
         SET "removedAt" = now(), "removedReason" = ${`merged into ${into}, which has the same suppression`}, "removedBy" = 'merge'
       WHERE s."customerId" = ${sourceId} AND s."removedAt" IS NULL
         AND EXISTS (SELECT 1 FROM "Suppression" t WHERE t."customerId" = ${into} AND t."removedAt" IS NULL AND t.channel = s.channel AND t.reason = s.reason)
      RETURNING id)
    INSERT INTO "CustomerMergeItem" ("mergeId", kind, "itemId") SELECT ${mergeId}, 'closed', id FROM c`;
  moved.suppressions = await moveAll('Suppression', 'suppression');

  // Consents are append-only, the latest wins. Moving the source's records could let a later
  // "granted" on one side outvote a "refused" on the other: each (topic, channel) refused by
  // either side before the merge is refused again, now, unless it already ends refused.
  const refusedBefore = await latestRefused(tx, [sourceId, into]);
  moved.consents = await moveAll('Consent', 'consent');
  const stillRefused = new Set((await latestRefused(tx, [into])).map(key));
  const reinstate = dedupe(refusedBefore.filter((r) => !stillRefused.has(key(r))));
  for (const r of reinstate) {
    const refusal = await tx.consent.create({ data: { customerId: into, topic: r.topic, channel: r.channel, status: 'refused', source: 'merge' } });
    await tx.customerMergeItem.create({ data: { mergeId, kind: 'refusal', itemId: refusal.id } });
  }
  moved.refusalsKept = reinstate.length;

  // Older pointers at the source now point at the target (one hop always reaches a live profile),
  // and the source becomes a pointer: no addresses, so lookups by email or phone find the target.
  // The source's push devices move to the target (the ones it already has stay once; their
  // addresses are kept in the record, to give them back on an un-merge).
  await tx.$executeRaw`
    WITH m AS (UPDATE "PushDevice" SET "customerId" = ${into}
                WHERE "customerId" = ${sourceId} AND address NOT IN (SELECT address FROM "PushDevice" WHERE "customerId" = ${into}) RETURNING id)
    INSERT INTO "CustomerMergeItem" ("mergeId", kind, "itemId") SELECT ${mergeId}, 'pushDevice', id FROM m`;
  await tx.$executeRaw`
    WITH d AS (DELETE FROM "PushDevice" WHERE "customerId" = ${sourceId} RETURNING address)
    INSERT INTO "CustomerMergeItem" ("mergeId", kind, "itemId") SELECT DISTINCT ${mergeId}, 'pushAddress', address FROM d`;
  await tx.$executeRaw`
    WITH m AS (UPDATE "Customer" SET "mergedInto" = ${into} WHERE "mergedInto" = ${sourceId} RETURNING id)
    INSERT INTO "CustomerMergeItem" ("mergeId", kind, "itemId") SELECT ${mergeId}, 'pointer', id FROM m`;
  await tx.$executeRaw`
    UPDATE "Customer" SET "mergedInto" = ${into}, attributes = '{}'::jsonb, email = NULL, phone = NULL,
           "pushToken" = NULL, "chatId" = NULL, "updatedAt" = now()
     WHERE id = ${sourceId}`;
  // One person now: the survivor's segments are judged on the combined profile (the source's
  // memberships become the survivor's first, so only real differences are entries or exits).
  const segments = await segmentsAfterMerge(tx, sourceId, into, now);
  moved.segmentChanges = segments.changes.length;
  const ended = await endDuplicateOnceEntries(tx, into, mergeId);
  moved.onceEntriesEnded = ended.length;
  await tx.customerMerge.update({ where: { id: mergeId }, data: { moved } });
  return { merged: true, sourceId, targetId: into, moved, segmentRows: segments.rows, ended, mergeId };
}

/**
 * Both sides' tags, the survivor's first, each once; null when neither side has a tag list (then
 * the plain attribute merge above decides, as for any other attribute).
 */
export function combinedTags(source: unknown, target: unknown): string[] | null {
  const list = (attrs: unknown) => {
    const v = typeof attrs === 'object' && attrs !== null && !Array.isArray(attrs) ? (attrs as Record<string, unknown>).tags : undefined;
    return Array.isArray(v) ? v.map(String) : null;
  };
  const s = list(source);
  const t = list(target);
  if (!s || !t) return null;
  return [...new Set([...t, ...s])];
}

function profileOf(p: LockedProfile): ProfileBefore {
  return { attributes: p.attributes, email: p.email, phone: p.phone, timeZone: p.timeZone, pushToken: p.pushToken, chatId: p.chatId, anonymousId: p.anonymousId, anonymous: p.anonymous };
}

interface ConsentKey {
  topic: string;
  channel: string;
}
const key = (r: ConsentKey) => `${r.topic}\u0000${r.channel}`;
const dedupe = (rows: ConsentKey[]) => [...new Map(rows.map((r) => [key(r), r])).values()];

/** The (topic, channel) pairs whose latest consent record, per customer, is a refusal. */
export async function latestRefused(tx: Tx, customerIds: string[]): Promise<ConsentKey[]> {
  return tx.$queryRaw<ConsentKey[]>`
    SELECT topic, channel FROM (
      SELECT DISTINCT ON ("customerId", topic, channel) topic, channel, status
        FROM "Consent" WHERE "customerId" = ANY(${customerIds})
       ORDER BY "customerId", topic, channel, "createdAt" DESC, id DESC) latest
     WHERE status = 'refused'`;
}
