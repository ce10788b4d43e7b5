/**
 * Routes the rows a request stored in one statement (store-batch.ts), in call order per customer,
 * customers side by side:
 * - a row some live trigger may match goes the full way (routeRows: customer, history, entry
 *   claims, then the running enrolments);
 * - any other row only goes to the customer's running enrolments that can react to it
 *   (interest.ts), read once for the whole request, signalled all at once;
 * - rows stored as processed (nothing could need them) are not touched.
 * The signalled rows are marked processed in one update. A failure leaves the customer's
 * remaining rows unprocessed, for the sweep, and the call still succeeds (they are stored).
 */
import type { EventRow } from '@cairn/db';
import type { RouteDeps, RunningEnrolment } from './route.js';
import { routeRows, signalRunning } from './route.js';

const PARALLEL_CUSTOMERS = 8;
const RUNNING = ['active', 'waiting'] as const;

/** `routable(row)`: may a live trigger match it? Returns false when some row was left for the sweep. */
export async function routeStoredBatch(
  deps: RouteDeps & { log?: (m: string) => void },
  rows: EventRow[],
  routable: (row: EventRow) => boolean,
): Promise<boolean> {
  const pending = rows.filter((r) => !r.processedAt);
  if (pending.length === 0) return true;
  const byCustomer = new Map<string, EventRow[]>();
  for (const r of pending) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  const runningOf = new Map<string, RunningEnrolment[]>();
  const readRunning = async (customerIds: string[]) => {
    const found = await deps.db.enrolment.findMany({
      where: { customerId: { in: customerIds }, status: { in: [...RUNNING] } },
      select: { customerId: true, workflowId: true, versionId: true },
    });
    for (const id of customerIds) runningOf.set(id, []);
    for (const e of found) runningOf.get(e.customerId)!.push({ workflowId: e.workflowId, versionId: e.versionId });
  };
  await readRunning([...byCustomer.keys()]);

  const signalled: string[] = [];
  let ok = true;
  const routeCustomer = async (customerId: string, list: EventRow[]) => {
    for (const row of list) {
      try {
        if (routable(row)) {
          const outcome = await routeRows(deps, [row]);
          // It entered a journey: its later rows in this request go to that run too.
          if (outcome.enrolled.length) await readRunning([customerId]);
        } else {
          await signalRunning(deps, runningOf.get(customerId) ?? [], row, undefined);
          signalled.push(row.id);
        }
      } catch (err) {
        ok = false;
        deps.log?.(`ingest: routing ${row.messageId} failed (it and the customer's later events are kept for the sweep): ${(err as Error).message}`);
        return;
      }
    }
  };
  const queue = [...byCustomer.entries()];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_CUSTOMERS, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await routeCustomer(...next);
    }),
  );
  if (signalled.length) {
    try {
      await deps.db.event.updateMany({ where: { id: { in: signalled } }, data: { processedAt: new Date(deps.clock.now()) } });
    } catch (err) {
      // The runs have the events; the sweep signals them again and they drop what they have seen.
      deps.log?.(`ingest: marking ${signalled.length} routed events failed (the sweep routes them again): ${(err as Error).message}`);
      return false;
    }
  }
  return ok;
}
