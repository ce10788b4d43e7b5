/**
 * Loads what segment rules read, for a batch of customers at once, in ONE round trip: attributes,
 * the history of the events the segments count, consent, active suppressions and current
 * memberships (each as a JSON aggregate per customer). The incremental update runs this once per
 * ingested call, so round trips are most of its cost.
 */
import type { Tx } from './catalog.js';
import type { ConsentFact, SegmentFacts } from '@cairn/core/internal/segments/evaluate';

export interface FactNeeds {
  events: ReadonlySet<string>;
  policy: boolean;
  /** A "seen with" rule: every context the customer sent, whatever the event. */
  seen?: boolean;
}

interface Row {
  id: string;
  attributes: unknown;
  events: Array<{ n: string; t: string; p: unknown; x: unknown }> | null;
  seen: Array<{ t: string | null; x: unknown }> | null;
  consents: Array<{ topic: string; channel: string; status: ConsentFact['status']; at: string }> | null;
  suppressed: string[] | null;
  members: string[] | null;
}

export async function loadFacts(db: Tx, customerIds: readonly string[], needs: FactNeeds, now: number, attributes?: Map<string, Record<string, unknown>>): Promise<Map<string, SegmentFacts>> {
  const ids = [...customerIds];
  const out = new Map<string, SegmentFacts>();
  if (!ids.length) return out;
  const names = [...needs.events];
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c.attributes,
      CASE WHEN cardinality(${names}::text[]) > 0 THEN
        (SELECT json_agg(json_build_object('n', e.name, 't', e.timestamp, 'p', e.properties, 'x', e.context)) FROM "Event" e WHERE e."customerId" = c.id AND e.name = ANY(${names}::text[]))
      END AS events,
      CASE WHEN ${needs.seen === true} THEN
        -- Each distinct context once, with its latest time up to now: all a "seen with" rule asks.
        (SELECT json_agg(json_build_object('t', x.t, 'x', x.context)) FROM (
          SELECT e.context, max(e.timestamp) FILTER (WHERE e.timestamp <= ${new Date(now)}) AS t
            FROM "Event" e WHERE e."customerId" = c.id AND jsonb_typeof(e.context) = 'object' GROUP BY e.context) x)
      END AS seen,
      CASE WHEN ${needs.policy} THEN
        (SELECT json_agg(json_build_object('topic', k.topic, 'channel', k.channel, 'status', k.status, 'at', k."createdAt")) FROM "Consent" k WHERE k."customerId" = c.id)
      END AS consents,
      CASE WHEN ${needs.policy} THEN
        (SELECT array_agg(DISTINCT s.channel) FROM "Suppression" s WHERE s."customerId" = c.id AND s."removedAt" IS NULL)
      END AS suppressed,
      (SELECT array_agg(m."segmentId") FROM "SegmentMember" m WHERE m."customerId" = c.id) AS members
    FROM "Customer" c WHERE c.id = ANY(${ids}::text[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const r = byId.get(id);
    out.set(id, {
      attributes: attributes?.get(id) ?? (isRecord(r?.attributes) ? r.attributes : {}),
      // Timestamps come back as ISO text without a zone (timestamp columns hold UTC).
      history: (r?.events ?? []).map((e) => ({ name: e.n, at: utc(e.t), properties: isRecord(e.p) ? e.p : {}, ...(isRecord(e.x) ? { context: e.x } : {}) })),
      seen: (r?.seen ?? []).flatMap((e) => (e.t !== null && isRecord(e.x) ? [{ at: utc(e.t), context: e.x }] : [])),
      now,
      consents: (r?.consents ?? []).map((c) => ({ topic: c.topic, channel: c.channel, status: c.status, at: utc(c.at) })),
      suppressedChannels: r?.suppressed ?? [],
      memberOf: new Set(r?.members ?? []),
    });
  }
  return out;
}

function utc(t: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
