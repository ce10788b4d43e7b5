/**
 * What the workspace knows about its customers and events, sampled from recent data: the graph
 * checks use it to flag typos in event names and unknown template variables; the editor offers it.
 */
import type { Db } from '@cairn/db';
import type { Catalog } from '@cairn/core';

const SAMPLE = 5000;

export async function loadCatalog(db: Db): Promise<Catalog> {
  const [attrs, events, segments] = await Promise.all([
    db.$queryRaw<Array<{ k: string }>>`
      SELECT DISTINCT jsonb_object_keys(attributes) AS k
      FROM (SELECT attributes FROM "Customer" WHERE jsonb_typeof(attributes) = 'object' ORDER BY "updatedAt" DESC LIMIT ${SAMPLE}) c`,
    db.$queryRaw<Array<{ name: string; k: string | null }>>`
      SELECT e.name, p.k
      FROM (SELECT name, properties FROM "Event" WHERE type <> 'identify' ORDER BY "receivedAt" DESC LIMIT ${SAMPLE}) e
      LEFT JOIN LATERAL (SELECT jsonb_object_keys(e.properties) AS k WHERE jsonb_typeof(e.properties) = 'object') p ON true
      GROUP BY e.name, p.k`,
    db.segment.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  // Every saved segment (the checks name a step whose segment is gone; the editor offers them).
  const catalog: Catalog = { attributes: attrs.map((r) => r.k).sort(), segments: Object.fromEntries(segments.map((s) => [s.id, s.name])) };
  if (events.length > 0) {
    // A Map, not an object literal: event names are the senders' strings, and one named
    // "constructor" or "__proto__" found an inherited member there and failed the whole call (500).
    const byName = new Map<string, string[]>();
    for (const r of events) {
      let list = byName.get(r.name);
      if (!list) byName.set(r.name, (list = []));
      if (r.k) list.push(r.k);
    }
    catalog.events = Object.fromEntries(byName);
  }
  return catalog;
}
