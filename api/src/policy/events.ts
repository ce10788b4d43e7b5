/**
 * A customer's own unsubscribe (one-click, the preference page, SMS STOP) is also an event,
 * "Unsubscribed", stored and routed like an ingested one: journeys that exit on it (every
 * marketing template does) let the customer go at once, and it shows on the timeline. The
 * suppression or consent record is what stops messages; the event only ends journeys sooner.
 * A routing failure is logged and left to the ingest sweep (the event is stored unprocessed).
 */
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';
import { storeCall } from '../ingest/store.js';

export const UNSUBSCRIBED_EVENT = 'Unsubscribed';

export async function emitUnsubscribed(
  deps: RouteDeps & { log?: (m: string) => void },
  customerId: string,
  properties: { channel: string; topic?: string; source: string },
  messageId: string,
): Promise<void> {
  try {
    const stored = await storeCall(deps.db, { type: 'track', customerId, name: UNSUBSCRIBED_EVENT, properties, messageId }, deps.clock.now());
    if (!stored.rows.every((r) => r.processedAt)) await routeRows(deps, stored.rows);
  } catch (err) {
    deps.log?.(`unsubscribe: the ${UNSUBSCRIBED_EVENT} event for ${customerId} was not routed (the sweep retries): ${(err as Error).message}`);
  }
}
