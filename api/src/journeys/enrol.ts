/**
 * Enrolling a customer by hand (the API, the customer page): stored as a "$enrol" event, so the
 * customer's timeline shows it, and routed to that one journey's manual trigger. An idempotency
 * key makes a retried call return the same enrolment.
 */
import type { Db } from '@cairn/db';
import { MANUAL_ENROL } from '@cairn/core';
import { TRPCError } from '@trpc/server';
import type { RouteDeps } from '../enrol/route.js';
import { routeRows } from '../enrol/route.js';
import { storeCall } from '../ingest/store.js';
import { requireJourney } from './lifecycle.js';

export interface ManualEnrol {
  journeyId: string;
  customerId: string;
  /** Event properties for the journey's templates and rules. */
  properties?: Record<string, unknown>;
  idempotencyKey?: string;
}

export async function enrolManually(deps: RouteDeps, req: ManualEnrol) {
  const journey = await requireJourney(deps.db, req.journeyId);
  if (journey.status !== 'active') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `the journey is ${journey.status}: customers can enter only an active (published) journey` });
  }
  // A profile merged into another enrols the surviving one.
  const customerId = await requireCustomer(deps.db, req.customerId);
  const stored = await storeCall(
    deps.db,
    {
      type: 'track',
      customerId,
      userId: customerId,
      ...(req.idempotencyKey ? { messageId: `enrol:${req.journeyId}:${req.idempotencyKey}` } : {}),
      name: MANUAL_ENROL,
      properties: { ...(req.properties ?? {}), journeyId: req.journeyId },
    },
    deps.clock.now(),
  );
  const routed = await routeRows(deps, stored.rows, { onlyJourneyId: req.journeyId, signalRunning: false });
  if (routed.enrolled.length === 0) {
    const reason = routed.skipped[0]?.reason ?? 'the journey has no manual trigger ("Enrolled by API or by hand")';
    return { enrolled: false as const, reason };
  }
  return { enrolled: true as const, workflowId: routed.enrolled[0]! };
}

async function requireCustomer(db: Db, id: string): Promise<string> {
  const c = await db.customer.findUnique({ where: { id }, select: { id: true, mergedInto: true } });
  if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${id}"` });
  return c.mergedInto ?? c.id;
}
