/** tRPC: saved segments — list, get (sizes over time, journeys using it), create, update, delete, estimate, preview, recompute. */
import { z } from 'zod';
import { SegmentGroup } from '@cairn/core';
import { adminProcedure, authedProcedure, router, type ApiContext } from '../trpc.js';
import { line } from '../validation/text.js';
import { routeRows } from '../enrol/route.js';
import { recomputeSegment } from '@cairn/engine/runtime';
import { backfillStatus, enrolMatching, matchingNow } from '../segments/backfill.js';
import { createSegment, deleteSegment, estimate, getSegment, listSegments, previewMembers, SegmentInput, SegmentPatch, updateSegment, type RouteRows } from '../segments/service.js';

const Id = z.object({ id: line({ min: 1, max: 100 }) });

/** Entries a recompute finds start "enters segment" journeys, like the ones ingest finds. */
const router$ = (ctx: ApiContext): RouteRows => async (rows) => {
  if (rows.length) await routeRows(ctx, rows);
};

export const segmentsRouter = router({
  list: authedProcedure.query(({ ctx }) => listSegments(ctx.db)),
  get: authedProcedure.input(Id).query(({ ctx, input }) => getSegment(ctx.db, input.id)),
  create: authedProcedure.input(SegmentInput).mutation(({ ctx, input }) => createSegment(ctx.db, input, ctx.user.email, ctx.clock.now(), router$(ctx))),
  update: authedProcedure.input(SegmentPatch).mutation(({ ctx, input }) => updateSegment(ctx.db, input, ctx.clock.now(), router$(ctx))),
  /** Admins only: a segment may be the audience of live journeys. Refused while anything uses it. */
  delete: adminProcedure.input(Id).mutation(({ ctx, input }) => deleteSegment(ctx.db, input.id)),
  /** The live size while editing: exact up to 20,000 customers, sampled beyond (then `approximate`). */
  estimate: authedProcedure
    .input(z.object({ definition: SegmentGroup, id: line({ min: 1, max: 100 }).optional() }))
    .query(({ ctx, input }) => estimate(ctx.db, input.definition, ctx.clock.now(), input.id)),
  /** A page of the saved segment's members. */
  preview: authedProcedure
    .input(Id.extend({ after: line({ max: 200 }).optional(), limit: z.number().int().min(1).max(200).optional() }))
    .query(({ ctx, input }) => previewMembers(ctx.db, input)),
  /** Before "also enrol the customers who match now": how many that is, per segment the journey starts on. */
  matchingNow: authedProcedure.input(z.object({ journeyId: line({ min: 1, max: 100 }) })).query(({ ctx, input }) => matchingNow(ctx.db, input.journeyId)),
  /** Enrols the current members into a published segment-triggered journey, throttled (`perSecond`), in the background. */
  enrolMatching: authedProcedure
    .input(z.object({ journeyId: line({ min: 1, max: 100 }), perSecond: z.number().int().min(1).max(500).optional() }))
    .mutation(({ ctx, input }) => enrolMatching(ctx, input.journeyId, input.perSecond)),
  /** Progress of `enrolMatching` (null when none ran in this process). */
  enrolStatus: authedProcedure.input(z.object({ journeyId: line({ min: 1, max: 100 }) })).query(({ input }) => backfillStatus(input.journeyId) ?? null),
  /** Admins only: a full pass over every customer (time-relative rules drift between events); `method` says whether SQL or JS computed it. */
  recompute: adminProcedure.input(Id).mutation(async ({ ctx, input }) => {
    await getSegment(ctx.db, input.id);
    const r = await recomputeSegment(ctx.db, input.id, ctx.clock.now(), router$(ctx));
    return { size: r.size, entered: r.entered, exited: r.exited, scanned: r.scanned, method: r.method, ...(r.why ? { why: r.why } : {}) };
  }),
});
