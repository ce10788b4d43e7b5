/**
 * REST: journeys — list, get, save a draft, publish, pause, resume, stop; enrol a customer and
 * take one out. Each procedure calls what its tRPC twin (routers/journeys.ts) calls, under the
 * same name, so one scope table (auth/scopes.ts) covers both.
 */
import { z } from 'zod';
import { Id } from '@cairn/core';
import { draftProblems, saveDraft } from '../journeys/drafts.js';
import { enrolManually } from '../journeys/enrol.js';
import { publish, requireJourney, setStatus } from '../journeys/lifecycle.js';
import { moveWaiting, planMove } from '../journeys/move.js';
import { INGEST_LIMITS } from '../ingest/segment.js';
import { authedProcedure, router } from '../trpc.js';
import { jsonObject, jsonValue } from '../validation/json.js';
import { line, text } from '../validation/text.js';
import { iso, JourneyDetail, JourneySummary, Problem, type JourneyStatus } from './shapes.js';

const tags = ['journeys'];
/** The same bound as the editor's drafts (routers/journeys.ts). */
const Draft = jsonValue({ maxDepth: 48, maxBytes: 4 * 1024 * 1024 }).meta({ description: 'Journey JSON ({ schemaVersion, id, name, settings, nodes, edges })' });
const CustomerId = line({ min: 1, max: 256 });

type Row = { id: string; name: string; status: string; liveVersion: number | null; updatedAt: Date };
const summary = (j: Row) => ({ id: j.id, name: j.name, status: j.status as z.infer<typeof JourneyStatus>, liveVersion: j.liveVersion, updatedAt: iso(j.updatedAt) });
const detail = (j: Row & { draft: unknown }) => ({
  ...summary(j),
  draft: (j.draft ?? {}) as Record<string, unknown>,
  problems: draftProblems(j.draft),
});

const StatusChange = z.object({ journey: JourneySummary, signalled: z.number().int().meta({ description: 'Running customers told of the change' }) });
const statusRoute = (action: 'pause' | 'resume' | 'stop', to: 'paused' | 'active' | 'stopped', summaryText: string) =>
  authedProcedure
    .meta({ openapi: { method: 'POST', path: `/journeys/{id}/${action}`, tags, summary: summaryText, protect: true } })
    .input(z.object({ id: Id }))
    .output(StatusChange)
    .mutation(async ({ ctx, input }) => {
      const r = await setStatus(ctx.db, ctx.runner, input.id, to);
      return { journey: summary(r.journey), signalled: r.signalled };
    });

export const restJourneys = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/journeys', tags, summary: 'Every journey with its status and live version', protect: true } })
    .input(z.object({}))
    .output(z.object({ journeys: z.array(JourneySummary) }))
    .query(async ({ ctx }) => ({ journeys: (await ctx.db.journey.findMany({ orderBy: { updatedAt: 'desc' } })).map(summary) })),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/journeys/{id}', tags, summary: 'A journey with its draft and the draft\'s problems', protect: true } })
    .input(z.object({ id: Id }))
    .output(JourneyDetail)
    .query(async ({ ctx, input }) => detail(await requireJourney(ctx.db, input.id))),

  saveDraft: authedProcedure
    .meta({
      openapi: {
        method: 'PUT', path: '/journeys/{id}', tags, protect: true,
        summary: 'Stores the draft (creating the journey if new), whatever its problems; they are returned',
      },
    })
    .input(z.object({ id: Id, draft: Draft }))
    .output(z.object({ journey: JourneySummary, problems: z.array(Problem) }))
    .mutation(async ({ ctx, input }) => {
      const saved = await saveDraft(ctx.db, input.id, input.draft);
      return { journey: summary(saved.journey), problems: saved.problems };
    }),

  publish: authedProcedure
    .meta({
      openapi: {
        method: 'POST', path: '/journeys/{id}/publish', tags, protect: true,
        summary: 'Publishes a new version (of `draft` when given, else of the stored draft)',
        description:
          'Refused with 400 and `data.problems` when the graph checks find errors. Needs the publish scope. ' +
          'With `move`, the customers waiting in the live version go on in the new one at their next wait: each old wait at the step of the same id, ' +
          'or where `move.choices` says (old step id -> new step id, or "leave" to stay on the old version); a wrong choice publishes nothing (400).',
      },
    })
    .input(z.object({
      id: Id,
      note: text({ max: 2000 }).default(''),
      draft: Draft.optional(),
      move: z.object({ choices: z.record(Id, Id).default({}).meta({ description: 'Old step id -> new step id, or "leave"' }) }).optional(),
    }))
    .output(z.object({
      id: z.string(),
      version: z.number().int(),
      note: z.string(),
      publishedAt: z.string(),
      publishedBy: z.string().nullable(),
      moved: z.object({ moving: z.number().int(), staying: z.number().int() }).nullable().meta({ description: 'With `move`: customers signalled to move, and those staying' }),
    }))
    .mutation(async ({ ctx, input }) => {
      // As its tRPC twin: the map is checked first, so a wrong choice publishes nothing.
      const plan = input.move ? await planMove(ctx.db, input.id, input.draft, input.move.choices) : undefined;
      const v = await publish(ctx.db, input.id, input.note, ctx.user.email, input.draft);
      const moved = plan ? await moveWaiting(ctx.db, ctx.runner, v, plan) : null;
      return { id: input.id, version: v.version, note: v.note, publishedAt: iso(v.publishedAt), publishedBy: v.publishedBy, moved };
    }),

  pause: statusRoute('pause', 'paused', 'Pauses the journey: no entries, running customers wait'),
  resume: statusRoute('resume', 'active', 'Resumes a paused journey'),
  stop: statusRoute('stop', 'stopped', 'Stops the journey: no entries, every customer in it exits'),

  enrol: authedProcedure
    .meta({
      openapi: {
        method: 'POST', path: '/journeys/{journeyId}/enrolments', tags, protect: true,
        summary: 'Enrols a customer through the journey\'s manual trigger (entry rules apply)',
        description: 'An idempotency key makes a retried call return the same enrolment.',
      },
    })
    .input(z.object({ journeyId: Id, customerId: CustomerId, properties: jsonObject(INGEST_LIMITS).optional(), idempotencyKey: line({ min: 1, max: 200 }).optional() }))
    .output(z.object({ enrolled: z.boolean(), workflowId: z.string().optional(), reason: z.string().optional() }))
    .mutation(({ ctx, input }) => enrolManually(ctx, input)),

  removeCustomer: authedProcedure
    .meta({ openapi: { method: 'DELETE', path: '/journeys/{journeyId}/customers/{customerId}', tags, summary: 'Takes a customer out of the journey now', protect: true } })
    .input(z.object({ journeyId: Id, customerId: CustomerId, reason: line({ max: 200 }).default('removed') }))
    .output(z.object({ removed: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      await requireJourney(ctx.db, input.journeyId);
      const running = await ctx.db.enrolment.findMany({
        where: { journeyId: input.journeyId, customerId: input.customerId, status: { in: ['active', 'waiting'] } },
        select: { workflowId: true },
      });
      const results = await Promise.all(running.map((e) => ctx.runner.signal(e.workflowId, { kind: 'remove', reason: input.reason })));
      return { removed: results.filter(Boolean).length };
    }),
});
