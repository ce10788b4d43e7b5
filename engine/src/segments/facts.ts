/**
 * Loads what segment rules read, for a batch of customers at once: attributes, the history of the
 * events the segments count, consent, active suppressions and current memberships.
 */
import type { Tx } from './catalog.js';
import type { ConsentFact, SegmentFacts } from './evaluate.js';

export interface FactNeeds {
  events: ReadonlySet<string>;
  policy: boolean;
}

export async function loadFacts(db: Tx, customerIds: readonly string[], needs: FactNeeds, now: number, attributes?: Map<string, Record<string, unknown>>): Promise<Map<string, SegmentFacts>> {
  const ids = [...customerIds];
  const out = new Map<string, SegmentFacts>();
  if (!ids.length) return out;
  const attrs = attributes ?? new Map<string, Record<string, unknown>>();
  if (!attributes) {
    const rows = await db.$queryRaw<Array<{ id: string; attributes: unknown }>>`SELECT id, attributes FROM "Customer" WHERE id = ANY(${ids}::text[])`;
    for (const r of rows) attrs.set(r.id, isRecord(r.attributes) ? r.attributes : {});
  }
  for (const id of ids) out.set(id, { attributes: attrs.get(id) ?? {}, history: [], now, consents: [], suppressedChannels: [], memberOf: new Set() });
  const names = [...needs.events];
  if (names.length) {
    const events = await db.$queryRaw<Array<{ customerId: string; name: string; timestamp: Date; properties: unknown }>>`
      SELECT "customerId", name, timestamp, properties FROM "Event" WHERE "customerId" = ANY(${ids}::text[]) AND name = ANY(${names}::text[])`;
    for (const e of events) (out.get(e.customerId)!.history as unknown[]).push({ name: e.name, at: e.timestamp.getTime(), properties: isRecord(e.properties) ? e.properties : {} });
  }
  if (needs.policy) {
    const consents = await db.$queryRaw<Array<{ customerId: string; topic: string; channel: string; status: ConsentFact['status']; createdAt: Date }>>`
      SELECT "customerId", topic, channel, status::text AS status, "createdAt" FROM "Consent" WHERE "customerId" = ANY(${ids}::text[])`;
    for (const c of consents) (out.get(c.customerId)!.consents as ConsentFact[]).push({ topic: c.topic, channel: c.channel, status: c.status, at: c.createdAt.getTime() });
    const sup = await db.$queryRaw<Array<{ customerId: string; channel: string }>>`
      SELECT DISTINCT "customerId", channel FROM "Suppression" WHERE "customerId" = ANY(${ids}::text[]) AND "removedAt" IS NULL`;
    for (const s of sup) (out.get(s.customerId)!.suppressedChannels as string[]).push(s.channel);
  }
  const members = await db.$queryRaw<Array<{ customerId: string; segmentId: string }>>`
    SELECT "customerId", "segmentId" FROM "SegmentMember" WHERE "customerId" = ANY(${ids}::text[])`;
  for (const m of members) (out.get(m.customerId)!.memberOf as Set<string>).add(m.segmentId);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
