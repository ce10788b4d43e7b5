/**
 * Journeys change attributes too (update attribute, add tag): after such a write, the segments
 * reading those attributes are re-evaluated for the customer, in the same transaction. The
 * entries and exits are stored unrouted; the API's sweep (every 15 s) routes them to journeys,
 * like any event stored without being routed.
 */
import { randomUUID } from 'node:crypto';
import { liveIdSql } from '../customer/live.js';
import type { Tx } from './catalog.js';
import { loadSegments } from './catalog.js';
import { updateCustomerSegments } from './update.js';

export async function segmentsAfterAttributeWrite(tx: Tx, customerId: string, attributes: readonly string[], now: number): Promise<void> {
  if (!(await loadSegments(tx)).length) return;
  // The surviving profile when the id was merged, locked like ingest locks it.
  const [c] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Customer" WHERE id = ${liveIdSql(customerId)} FOR UPDATE`;
  if (!c) return;
  await updateCustomerSegments(tx, c.id, { events: [], attributes }, new Date(now), now, `journey-write:${randomUUID()}`);
}
