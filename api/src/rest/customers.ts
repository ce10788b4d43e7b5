/** REST: customers — search and get (with active suppressions). Twins of routers/customers.ts. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { routeRows } from '../enrol/route.js';
import { Dict, EventName, Traits, type IngestCall } from '../ingest/segment.js';
import { storeCall } from '../ingest/store.js';
import { resolveIdentities } from '../identity/resolve.js';
import { tellRuns } from '../identity/tell.js';
import { authedProcedure, router, type ApiContext } from '../trpc.js';
import { escapeLike } from '../validation/like.js';
import { line } from '../validation/text.js';
import { Customer, customerOut, Suppression, suppressionOut } from './shapes.js';

const tags = ['customers'];
const MessageId = line({ min: 1, max: 256 }).optional().meta({ description: 'Makes a retried call a no-op (as in the Segment spec)' });
const Recorded = z.object({
  customerId: z.string(),
  stored: z.boolean().meta({ description: 'false when this messageId was recorded before' }),
  routed: z.boolean().meta({ description: 'false when journeys could not be told yet (the sweep retries)' }),
});

/**
 * Records a call exactly as ingest does (ingest/store.ts, enrol/route.ts): stored first, then
 * routed to triggers and running journeys; a routing failure is left to the sweep.
 */
async function record(ctx: ApiContext, call: IngestCall, log: (m: string) => void = console.error) {
  // One customer per person, as ingest: a merged id lands on the survivor, and an upsert giving an
  // email or phone another known customer has merges them when the workspace says so.
  const merges = (await resolveIdentities(ctx.db, [call], ctx.clock.now(), 'api')).filter((o) => o.merged);
  if (merges.length) await tellRuns({ ...ctx, log }, { ended: merges.flatMap((o) => o.ended), segmentRows: merges.flatMap((o) => o.segmentRows) });
  const stored = await storeCall(ctx.db, call, ctx.clock.now());
  let routed = stored.rows.every((r) => r.processedAt);
  if (!routed) {
    routed = await routeRows(ctx, stored.rows).then(
      () => true,
      (err: unknown) => (log(`api: routing ${stored.rows[0]?.messageId} failed (kept for the sweep): ${(err as Error).message}`), false),
    );
  }
  return { customerId: call.customerId, stored: !stored.duplicate, routed };
}

export const restCustomers = router({
  search: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/customers', tags, summary: 'Customers whose id or email contains `query`, most recently updated first', protect: true } })
    .input(z.object({ query: line({ max: 200 }).default(''), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.object({ customers: z.array(Customer) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.customer.findMany({
        where: {
          mergedInto: null,
          ...(input.query ? { OR: [{ id: { contains: escapeLike(input.query), mode: 'insensitive' } }, { email: { contains: escapeLike(input.query), mode: 'insensitive' } }] } : {}),
        },
        orderBy: { updatedAt: 'desc' },
        take: input.limit,
      });
      return { customers: rows.map(customerOut) };
    }),

  upsert: authedProcedure
    .meta({
      openapi: {
        method: 'PUT', path: '/customers/{id}', tags, protect: true,
        summary: 'Creates the customer or merges traits into the profile (a Segment identify call)',
        description:
          'Changed traits fire attribute triggers; email and phone become the customer\'s addresses. An id merged into another updates the survivor (`customerId`); with the workspace setting "merge customers with the same email/phone" on, an email or phone another known customer has merges the two (docs/identity.md).',
      },
    })
    .input(z.object({ id: line({ min: 1, max: 256 }), traits: Traits.default({}), messageId: MessageId }))
    .output(Recorded)
    .mutation(({ ctx, input }) =>
      record(ctx, { type: 'identify', customerId: input.id, userId: input.id, name: '$identify', properties: input.traits, traits: input.traits, ...(input.messageId ? { messageId: input.messageId } : {}) }),
    ),

  track: authedProcedure
    .meta({
      openapi: {
        method: 'POST', path: '/customers/{id}/events', tags, protect: true,
        summary: 'Records an event for the customer (a Segment track call): it may start journeys and release waits',
        description: 'Event names starting with "$" are Cairn\'s own and refused (400).',
      },
    })
    .input(z.object({ id: line({ min: 1, max: 256 }), event: EventName, properties: Dict.default({}), messageId: MessageId }))
    .output(Recorded)
    .mutation(({ ctx, input }) =>
      record(ctx, { type: 'track', customerId: input.id, userId: input.id, name: input.event, properties: input.properties, ...(input.messageId ? { messageId: input.messageId } : {}) }),
    ),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/customers/{id}', tags, summary: 'A customer\'s profile and active suppressions', protect: true } })
    .input(z.object({ id: line({ min: 1, max: 256 }) }))
    .output(Customer.extend({ suppressions: z.array(Suppression) }))
    .query(async ({ ctx, input }) => {
      const c = await ctx.db.customer.findUnique({ where: { id: input.id }, include: { suppressions: { where: { removedAt: null }, orderBy: { createdAt: 'desc' } } } });
      if (!c) throw new TRPCError({ code: 'NOT_FOUND', message: `no customer "${input.id}"` });
      return { ...customerOut(c), suppressions: c.suppressions.map(suppressionOut) };
    }),
});
