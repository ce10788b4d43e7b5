/** tRPC: journeys — drafts, publishing, versions, run state, manual enrolment and live counts. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Id } from '@cairn/core';
import { journeyCounts } from '../journeys/counts.js';
import { blankDraft, draftProblems, newJourneyId, saveDraft } from '../journeys/drafts.js';
import { enrolManually } from '../journeys/enrol.js';
import { deleteDraft, duplicate } from '../journeys/copies.js';
import { publish, requireJourney, setStatus, unarchive } from '../journeys/lifecycle.js';
import { journeyFacts, waitingCustomers } from '../journeys/overview.js';
import { moveWaiting, planMove } from '../journeys/move.js';
import { previewMove } from '../journeys/move-preview.js';
import { authedProcedure, router } from '../trpc.js';
import { INGEST_LIMITS } from '../ingest/segment.js';
import { jsonObject, jsonValue } from '../validation/json.js';
import { line, text } from '../validation/text.js';

const JourneyId = z.object({ id: Id });
const VersionRef = z.object({ id: Id, version: z.number().int().min(1).max(1_000_000) });
/**
 * A draft is stored whatever its problems (the graph checks list them), but it must be JSON the
 * database can hold: a journey is about 10 levels deep, a big one a few hundred KB.
 */
const Draft = jsonValue({ maxDepth: 48, maxBytes: 4 * 1024 * 1024 });

export const journeysRouter = router({
  /**
   * Every journey with its status, live version, lifecycle stage, whether the draft differs from
   * the live version, and enrolment totals. Archived ones too (the editor hides them by default).
   */
  list: authedProcedure.query(async ({ ctx }) => {
    const [journeys, totals] = await Promise.all([
      ctx.db.journey.findMany({
        orderBy: { updatedAt: 'desc' },
        select: { id: true, name: true, description: true, status: true, liveVersion: true, createdAt: true, updatedAt: true, draft: true },
      }),
      ctx.db.enrolment.groupBy({ by: ['journeyId', 'status'], _count: { _all: true } }),
    ]);
    const facts = await journeyFacts(ctx.db, journeys);
    return journeys.map(({ draft: _draft, ...j }) => {
      const mine = totals.filter((t) => t.journeyId === j.id);
      const n = (s: string) => mine.find((t) => t.status === s)?._count._all ?? 0;
      return {
        ...j,
        stage: facts.get(j.id)?.stage ?? null,
        unpublishedChanges: facts.get(j.id)?.unpublishedChanges ?? false,
        counts: {
          entered: mine.reduce((a, t) => a + t._count._all, 0),
          inJourney: n('active') + n('waiting'),
          completed: n('completed'),
          exited: n('exited'),
        },
      };
    });
  }),

  get: authedProcedure.input(JourneyId).query(async ({ ctx, input }) => {
    const j = await requireJourney(ctx.db, input.id);
    return { ...j, problems: draftProblems(j.draft) };
  }),

  /** A new journey from a name (a blank draft) or from a whole draft (import, template). */
  create: authedProcedure
    .input(z.object({ name: line({ min: 1, max: 200 }), draft: Draft.optional() }))
    .mutation(async ({ ctx, input }) => {
      const id = newJourneyId(input.name);
      const draft = input.draft === undefined ? blankDraft(id, input.name) : { ...(input.draft as object), name: input.name };
      return saveDraft(ctx.db, id, draft);
    }),

  /** Stores the draft whatever its problems (returned with it); creates the journey if new. */
  saveDraft: authedProcedure.input(z.object({ id: Id, draft: Draft })).mutation(({ ctx, input }) => saveDraft(ctx.db, input.id, input.draft)),

  /**
   * Publishes a new immutable version, of `draft` when given (stored as the draft in the same
   * transaction), else of the stored draft. Refused (BAD_REQUEST, with `problems`) on errors.
   * With `move`, the customers waiting in the live version go on in the new one: each old wait's
   * customers at the same step, or where `choices` says (old step id -> new step id, or "leave"
   * to stay on the old version); `moved` says how many were signalled and how many stay.
   */
  publish: authedProcedure
    .input(z.object({
      id: Id,
      note: text({ max: 2000 }).default(''),
      draft: Draft.optional(),
      move: z.object({ choices: z.record(Id, Id).default({}) }).optional(),
    }))
    .mutation(async ({ ctx, input }) => {
      // The map is checked first: a wrong choice publishes nothing.
      const plan = input.move ? await planMove(ctx.db, input.id, input.draft, input.move.choices) : undefined;
      const version = await publish(ctx.db, input.id, input.note, ctx.user.email, input.draft);
      return { ...version, moved: plan ? await moveWaiting(ctx.db, ctx.runner, version, plan) : null };
    }),

  /**
   * What publishing `draft` with "move waiting customers" and these `choices` would do to each
   * customer of the live version, simulated one by one on the new version (move-preview.ts).
   * Changes nothing; a mutation only because the draft travels in the body (POST), not the URL.
   */
  previewMove: authedProcedure
    .input(z.object({ id: Id, draft: Draft.optional(), choices: z.record(Id, Id).default({}) }))
    .mutation(({ ctx, input }) => previewMove(ctx.db, input.id, input.draft, input.choices, ctx.clock.now())),

  pause: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => setStatus(ctx.db, ctx.runner, input.id, 'paused')),
  resume: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => setStatus(ctx.db, ctx.runner, input.id, 'active')),
  /** Stops the journey: no new entries, and every customer in it exits (reason "stopped"). */
  stop: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => setStatus(ctx.db, ctx.runner, input.id, 'stopped')),

  /** Archives the journey: no new entries, every customer inside exits (reason "archived"). */
  archive: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => setStatus(ctx.db, ctx.runner, input.id, 'archived')),
  /** Back from the archive: stopped if it was published (publish to start entries again), else a draft. */
  unarchive: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => unarchive(ctx.db, input.id)),
  /** A new draft copy ("Copy of …", a fresh id), with no versions and no customers. */
  duplicate: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => duplicate(ctx.db, input.id)),
  /** Deletes a journey that was never published; a published one is refused (archive it instead). */
  delete: authedProcedure.input(JourneyId).mutation(({ ctx, input }) => deleteDraft(ctx.db, input.id)),

  /** Customers inside the journey now, by the version they run and the step they are at. */
  waiting: authedProcedure.input(JourneyId).query(async ({ ctx, input }) => {
    await requireJourney(ctx.db, input.id);
    return waitingCustomers(ctx.db, input.id);
  }),

  versions: authedProcedure.input(JourneyId).query(async ({ ctx, input }) => {
    await requireJourney(ctx.db, input.id);
    return ctx.db.journeyVersion.findMany({
      where: { journeyId: input.id },
      orderBy: { version: 'desc' },
      select: { id: true, version: true, note: true, publishedAt: true, publishedBy: true },
    });
  }),

  getVersion: authedProcedure.input(VersionRef).query(async ({ ctx, input }) => {
    const v = await ctx.db.journeyVersion.findUnique({ where: { journeyId_version: { journeyId: input.id, version: input.version } } });
    if (!v) throw new TRPCError({ code: 'NOT_FOUND', message: `journey "${input.id}" has no version ${input.version}` });
    return v;
  }),

  /** Makes an older version the draft again (the published versions stay as they are). */
  restoreVersion: authedProcedure.input(VersionRef).mutation(async ({ ctx, input }) => {
    const v = await ctx.db.journeyVersion.findUnique({ where: { journeyId_version: { journeyId: input.id, version: input.version } } });
    if (!v) throw new TRPCError({ code: 'NOT_FOUND', message: `journey "${input.id}" has no version ${input.version}` });
    return saveDraft(ctx.db, input.id, v.definition);
  }),

  /** Enrols one customer through the journey's manual trigger (entry rules apply). */
  enrol: authedProcedure
    .input(
      z.object({
        journeyId: Id,
        customerId: line({ min: 1, max: 256 }),
        properties: jsonObject(INGEST_LIMITS).optional(),
        idempotencyKey: line({ min: 1, max: 200 }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => enrolManually(ctx, input)),

  /** Takes one customer out of the journey now (reason "removed"). */
  removeCustomer: authedProcedure
    .input(z.object({ journeyId: Id, customerId: line({ min: 1, max: 256 }), reason: line({ max: 200 }).default('removed') }))
    .mutation(async ({ ctx, input }) => {
      const running = await ctx.db.enrolment.findMany({
        where: { journeyId: input.journeyId, customerId: input.customerId, status: { in: ['active', 'waiting'] } },
        select: { workflowId: true },
      });
      const results = await Promise.all(running.map((e) => ctx.runner.signal(e.workflowId, { kind: 'remove', reason: input.reason })));
      return { removed: results.filter(Boolean).length };
    }),

  /** Per-node counts (entered, waiting now, completed, exited by reason, message outcomes). */
  counts: authedProcedure
    .input(z.object({ id: Id, version: z.number().int().min(1).max(1_000_000).optional() }))
    .query(async ({ ctx, input }) => {
      await requireJourney(ctx.db, input.id);
      return journeyCounts(ctx.db, input.id, input.version);
    }),
});
