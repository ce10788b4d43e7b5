/**
 * Which customer each ingested call is about, once identities are known: Segment's rules applied
 * before the calls are stored.
 * - A call naming both a userId and an anonymousId links them: an anonymous profile that exists
 *   (events sent before sign-up) is merged into the user (merge.ts).
 * - An alias merges its previousId into its userId.
 * - When the workspace merges on the same address (settings.ts), an identify of a userId whose
 *   traits carry an email or phone another known customer has (match.ts) merges the two: the
 *   profile seen first survives.
 * - Then every call is keyed by the surviving profile: a userId that was merged away resolves to
 *   where it points; an anonymous-only call resolves to the user that anonymousId was linked to.
 * Costs one query per request (and a transaction per merge, which happens once per person); a
 * request with an identify carrying an address reads the setting too, and when it is on, looks
 * the address up (an index each).
 */
import type { Db } from '@cairn/db';
import type { IngestCall } from '../ingest/segment.js';
import { mergeCustomers, type MergeOutcome, type MergeReason } from './merge.js';
import { emailKey, phoneKey } from './match-keys.js';
import { firstSeen, sameAddress } from './match.js';
import { loadIdentitySettings } from './settings.js';

interface Known {
  id: string;
  mergedInto: string | null;
  anonymousId: string | null;
  /** 'id': matched by id; 'anon': matched by its anonymousId column. */
  via: 'id' | 'anon';
}

/**
 * A call naming one id (a userId or an anonymousId, not an alias) merges nothing and links no
 * anonymousId: its customer is only looked up, by the rules below, which the ingest's store
 * statement can apply itself (ingest/store-batch.ts) without this module's query.
 */
export function onlyLookup(c: IngestCall): boolean {
  return c.type !== 'alias' && c.type !== 'identify' && (c.userId === undefined || c.anonymousId === undefined);
}

export async function resolveIdentities(db: Db, calls: IngestCall[], now = Date.now(), by = 'ingest'): Promise<MergeOutcome[]> {
  const ids = new Set<string>();
  const anonOnly = new Set<string>();
  for (const c of calls) {
    if (c.userId) ids.add(c.userId);
    if (c.anonymousId) ids.add(c.anonymousId);
    if (c.previousId) ids.add(c.previousId);
    if (!c.userId && c.anonymousId) anonOnly.add(c.anonymousId);
  }
  const known = await db.$queryRaw<Known[]>`
    SELECT id, "mergedInto", NULL::text AS "anonymousId", 'id' AS via FROM "Customer" WHERE id = ANY(${[...ids]})
    UNION ALL
    SELECT id, NULL, "anonymousId", 'anon' FROM "Customer" WHERE "anonymousId" = ANY(${[...anonOnly]}) AND "mergedInto" IS NULL`;
  const byId = new Map(known.filter((k) => k.via === 'id').map((k) => [k.id, k]));
  const ownerOfAnon = new Map<string, string>();
  for (const k of known) if (k.via === 'anon' && k.anonymousId && !ownerOfAnon.has(k.anonymousId)) ownerOfAnon.set(k.anonymousId, k.id);

  // Merges first, in call order (an alias or a sign-up changes who the later calls are about).
  const outcomes: MergeOutcome[] = [];
  const merge = async (sourceId: string, targetId: string, reason: MergeReason) => {
    const outcome = await db.$transaction((tx) => mergeCustomers(tx, sourceId, targetId, reason, { now, by }));
    outcomes.push(outcome);
    if (outcome.merged) byId.set(sourceId, { id: sourceId, mergedInto: outcome.targetId, anonymousId: null, via: 'id' });
  };
  for (const c of calls) {
    if (c.type === 'alias' && c.previousId && c.userId) {
      await merge(c.previousId, liveOf(c.userId), 'alias');
    } else if (c.userId && c.anonymousId && c.anonymousId !== c.userId) {
      const anon = byId.get(c.anonymousId);
      // Only an anonymous profile that exists and was not merged already (into anyone).
      if (anon && !anon.mergedInto) await merge(c.anonymousId, liveOf(c.userId), 'identify');
    }
  }
  const addressed = calls.filter((c) => c.type === 'identify' && c.userId && (emailKey(c.traits?.email) || phoneKey(c.traits?.phone)));
  if (addressed.length && (await loadIdentitySettings(db)).mergeOnSameAddress) {
    for (const c of addressed) {
      const me = liveOf(c.userId!);
      const matches = await sameAddress(db, { email: c.traits?.email, phone: c.traits?.phone }, [me], { knownOnly: true });
      if (!matches.length) continue;
      const mine = await db.customer.findUnique({ where: { id: me }, select: { createdAt: true } });
      // The profile seen first survives; an id never seen before becomes a pointer to it.
      const everyone = [...matches, { id: me, createdAt: mine?.createdAt ?? new Date(8.64e15), via: matches[0]!.via }].sort(firstSeen);
      const [survivor, ...later] = everyone;
      // The reason is the address that joins them: the survivor's match when the identified profile merges away.
      for (const other of later) await merge(other.id, survivor!.id, other.id === me ? survivor!.via : other.via);
    }
  }
  for (const c of calls) {
    c.customerId = c.userId ? liveOf(c.userId) : byId.has(c.anonymousId!) ? liveOf(c.anonymousId!) : (ownerOfAnon.get(c.anonymousId!) ?? c.anonymousId!);
  }
  return outcomes;

  function liveOf(id: string): string {
    return byId.get(id)?.mergedInto ?? id;
  }
}
