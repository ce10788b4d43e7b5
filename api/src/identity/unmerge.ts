/**
 * Un-merge: undoes one recorded merge (merge.ts), in one transaction under both rows' locks.
 * The merged-away profile comes back with what it brought, as listed in CustomerMergeItem: its
 * events, messages and enrolments (with their entry numbers from before, their conversions and
 * sales tasks), the tags only it had, suppressions (the duplicates the merge closed reopen),
 * consent records, push devices, the ids that pointed at it, and its own fields and attributes as
 * they were. The refusals the merge added stay on the
 * survivor (never loosened: one may restate the survivor's own refusal).
 * The survivor loses the addresses and attribute keys it took from it, unless they changed since.
 *
 * Nothing is loosened: a suppression recorded on the survivor after the merge, and a topic whose
 * latest record there since the merge is a refusal, stay on the survivor and are copied to the
 * restored profile. What happened while they were one stays with the survivor: events sent and
 * messages sent after the merge (also for an entry that goes back), attribute changes, and the
 * once-only entries the merge ended (docs/identity.md says it in full).
 * Refused when the survivor was merged into someone else since (undo that one first).
 */
import { Prisma } from '@cairn/db';
import type { EventRow } from '@cairn/db';
import { updateCustomerSegments } from '@cairn/engine/runtime';
import type { MovedTable, ProfileBefore } from './merge.js';
import { suppressMany } from '../policy/suppress.js';

type Tx = Prisma.TransactionClient;

export class UnmergeRefused extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'CONFLICT',
  ) {
    super(message);
  }
}

export interface UnmergeOutcome {
  mergeId: string;
  sourceId: string;
  targetId: string;
  restored: Record<string, number>;
  /** Segment entries and exits the two profiles' new memberships recorded (the caller routes them). */
  segmentRows: EventRow[];
}

const FIELDS = ['email', 'phone', 'timeZone', 'pushToken', 'chatId', 'anonymousId'] as const;

export async function unmergeCustomers(tx: Tx, mergeId: string, by: string, now = Date.now()): Promise<UnmergeOutcome> {
  const [merge] = await tx.$queryRaw<Array<{ sourceId: string; targetId: string; at: Date; before: unknown; unmergedAt: Date | null }>>`
    SELECT "sourceId", "targetId", at, before, "unmergedAt" FROM "CustomerMerge" WHERE id = ${mergeId} FOR UPDATE`;
  if (!merge) throw new UnmergeRefused(`no merge "${mergeId}"`, 'NOT_FOUND');
  const { sourceId, targetId } = merge;
  if (merge.unmergedAt) throw new UnmergeRefused(`the merge of ${sourceId} into ${targetId} was undone on ${merge.unmergedAt.toISOString()}`, 'CONFLICT');
  const before = merge.before as { source: ProfileBefore | null; target: ProfileBefore } | null;
  if (!before) throw new UnmergeRefused(`the merge of ${sourceId} into ${targetId} was recorded before un-merge existed: it lists no rows to give back`, 'CONFLICT');
  const rows = await tx.$queryRaw<Array<{ id: string; mergedInto: string | null } & Record<(typeof FIELDS)[number], string | null> & { attributes: unknown }>>`
    SELECT id, "mergedInto", attributes, email, phone, "timeZone", "pushToken", "chatId", "anonymousId" FROM "Customer" WHERE id IN (${sourceId}, ${targetId}) ORDER BY id FOR UPDATE`;
  const source = rows.find((r) => r.id === sourceId);
  const target = rows.find((r) => r.id === targetId);
  if (!source || !target) throw new UnmergeRefused(`${!source ? sourceId : targetId} no longer exists`, 'CONFLICT');
  if (target.mergedInto) throw new UnmergeRefused(`${targetId} was merged into ${target.mergedInto} since: un-merge that first`, 'CONFLICT');
  if (source.mergedInto !== targetId) throw new UnmergeRefused(`${sourceId} no longer points at ${targetId}`, 'CONFLICT');

  const restored: Record<string, number> = {};
  const items = (kind: string) => Prisma.sql`SELECT "itemId" FROM "CustomerMergeItem" WHERE "mergeId" = ${mergeId} AND kind = ${kind}`;
  // The rows of `table` the merge moved (merge.ts moveAll) go back, if the survivor still has them.
  const giveBack = (table: MovedTable, kind: string) =>
    tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET "customerId" = ${sourceId} WHERE "customerId" = ${targetId} AND id IN (${items(kind)})`;
  // The survivor gives back what it only had from the merged-away profile, unless it changed since.
  const src = before.source;
  if (src) {
    const givenKeys = Object.keys(record(src.attributes)).filter((k) => !(k in record(before.target.attributes)) && same(record(target.attributes)[k], record(src.attributes)[k]));
    const fields = FIELDS.filter((f) => before.target[f] === null && target[f] !== null && target[f] === (f === 'anonymousId' ? (src.anonymousId ?? sourceId) : src[f]));
    // Tags were combined (merge.ts combinedTags): the ones only the merged-away profile had go back
    // with it, the survivor keeps its own and any added since.
    const srcTags = tagList(src.attributes);
    const targetTagsBefore = tagList(before.target.attributes);
    const tagsNow = tagList(target.attributes);
    const keptTags = srcTags && targetTagsBefore && tagsNow && !givenKeys.includes('tags') ? tagsNow.filter((t) => targetTagsBefore.includes(t) || !srcTags.includes(t)) : null;
    await tx.$executeRawUnsafe(
      `UPDATE "Customer" SET attributes = (attributes - $2::text[]) || $3::jsonb, ${[...fields.map((f) => `"${f}" = NULL`), '"updatedAt" = now()'].join(', ')} WHERE id = $1`,
      targetId,
      givenKeys,
      JSON.stringify(keptTags ? { tags: keptTags } : {}),
    );
    restored.attributesGivenBack = givenKeys.length;
    restored.tagsGivenBack = keptTags && tagsNow ? tagsNow.length - keptTags.length : 0;
    restored.fieldsGivenBack = fields.length;
  }
  await tx.customer.update({
    where: { id: sourceId },
    data: {
      mergedInto: null,
      ...(src
        ? { attributes: (src.attributes ?? {}) as Prisma.InputJsonValue, email: src.email, phone: src.phone, timeZone: src.timeZone, pushToken: src.pushToken, chatId: src.chatId, anonymousId: src.anonymousId, anonymous: src.anonymous }
        : {}),
    },
  });

  restored.events = await giveBack('Event', 'event');
  restored.messages = await giveBack('Message', 'message');
  restored.enrolments = await tx.$executeRaw`
    UPDATE "Enrolment" e SET "customerId" = ${sourceId}, entry = i.entry
      FROM "CustomerMergeItem" i
     WHERE i."mergeId" = ${mergeId} AND i.kind = 'enrolment' AND i."itemId" = e.id AND e."customerId" = ${targetId}`;
  restored.conversions = await giveBack('Conversion', 'conversion');
  restored.salesTasks = await giveBack('SalesTask', 'salesTask');
  restored.suppressions = await giveBack('Suppression', 'suppression');
  // The duplicates the merge closed were the source's own: active again, unless it has that one active now.
  restored.suppressionsReopened = await tx.$executeRaw`
    UPDATE "Suppression" s SET "removedAt" = NULL, "removedReason" = NULL, "removedBy" = NULL
     WHERE s."customerId" = ${sourceId} AND s."removedBy" = 'merge' AND s.id IN (${items('closed')})
       AND NOT EXISTS (SELECT 1 FROM "Suppression" o WHERE o."customerId" = ${sourceId} AND o."removedAt" IS NULL AND o.channel = s.channel AND o.reason = s.reason)`;
  restored.consents = await giveBack('Consent', 'consent');
  restored.pushDevices = await giveBack('PushDevice', 'pushDevice');
  restored.pushDevices += await tx.$executeRaw`
    INSERT INTO "PushDevice" (id, "customerId", kind, address, "createdAt")
    SELECT gen_random_uuid()::text, ${sourceId}, d.kind, d.address, now() FROM "PushDevice" d
     WHERE d."customerId" = ${targetId} AND d.address IN (${items('pushAddress')})
    ON CONFLICT ("customerId", address) DO NOTHING`;
  restored.pointers = await tx.$executeRaw`UPDATE "Customer" SET "mergedInto" = ${sourceId} WHERE "mergedInto" = ${targetId} AND id IN (${items('pointer')})`;

  // Stricter since the merge stays on both: suppressions recorded on the survivor after it…
  // (written through the one suppression writer, policy/suppress.ts, like every new suppression)
  const since = await tx.suppression.findMany({
    where: { customerId: targetId, removedAt: null, createdAt: { gte: merge.at } },
    select: { channel: true, reason: true, source: true, hard: true },
  });
  const note = `kept on both at the un-merge of ${sourceId} from ${targetId}`;
  restored.suppressionsKeptOnBoth = await suppressMany(tx, since.map((r) => ({ customerId: sourceId, channel: r.channel, reason: r.reason, source: r.source, note, ...(r.hard !== null ? { hard: r.hard } : {}) })));
  // …and each (topic, channel) whose latest record there since the merge is a refusal (the
  // refusals the merge itself added restate one side's own: they stay on the survivor only).
  const refusedSince = await tx.$queryRaw<Array<{ topic: string; channel: string }>>`
    SELECT topic, channel FROM (
      SELECT DISTINCT ON (topic, channel) topic, channel, status, "createdAt" FROM "Consent"
       WHERE "customerId" = ${targetId} AND id NOT IN (${items('refusal')})
       ORDER BY topic, channel, "createdAt" DESC, id DESC) latest
     WHERE status = 'refused' AND "createdAt" >= ${merge.at}`;
  for (const r of refusedSince) await tx.consent.create({ data: { customerId: sourceId, topic: r.topic, channel: r.channel, status: 'refused', source: 'unmerge' } });
  restored.refusalsKeptOnBoth = refusedSince.length;

  // Two people again: each one's segments are judged on their own facts.
  const at = new Date(now);
  const segmentRows: EventRow[] = [];
  for (const id of [sourceId, targetId]) {
    const r = await updateCustomerSegments(tx, id, { events: [], attributes: [], newCustomer: true }, at, now, `unmerge:${mergeId}:${id}`);
    segmentRows.push(...r.rows);
  }
  await tx.customerMerge.update({ where: { id: mergeId }, data: { unmergedAt: at, unmergedBy: by, unmerged: restored } });
  return { mergeId, sourceId, targetId, restored, segmentRows };
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function tagList(attrs: unknown): string[] | null {
  const v = record(attrs).tags;
  return Array.isArray(v) ? v.map(String) : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
