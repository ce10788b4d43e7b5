/**
 * tRPC: templates — the gallery of lifecycle playbooks (@cairn/templates). `instantiate` turns a
 * template and the marketer's parameters into a new DRAFT journey, stored exactly like
 * `journeys.create` stores one (newJourneyId + saveDraft), so nothing runs until it is published.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { LifecycleStage, type Problem } from '@cairn/core';
import { formatProblems, getTemplate, instantiateTemplate, searchTemplates, type TemplateDetail } from '@cairn/templates';
import { newJourneyId, saveDraft } from '../journeys/drafts.js';
import { ProblemsError, authedProcedure, router } from '../trpc.js';
import { INGEST_LIMITS } from '../ingest/segment.js';
import { jsonObject } from '../validation/json.js';
import { line } from '../validation/text.js';

const TemplateId = line({ min: 1, max: 100 });

/** What a gallery card needs: the summary plus what the template expects and its parameters. */
function card(t: TemplateDetail) {
  const { journey: _journey, ...rest } = t;
  return rest;
}

function requireTemplate(id: string): TemplateDetail {
  const t = getTemplate(id);
  if (!t) throw new TRPCError({ code: 'NOT_FOUND', message: `there is no template "${id}"` });
  return t;
}

export const templatesRouter = router({
  /** Templates in gallery order, optionally one stage and/or matching every word of `query`. */
  list: authedProcedure
    .input(z.object({ stage: LifecycleStage.optional(), query: line({ max: 200 }).optional() }).default({}))
    .query(({ input }) =>
      searchTemplates(input.query ?? '', input.stage).map((s) => card(requireTemplate(s.id))),
    ),

  /** One template with its parameters and the journey its defaults build (the read-only preview). */
  get: authedProcedure.input(z.object({ id: TemplateId })).query(({ input }) => requireTemplate(input.id)),

  /**
   * A new draft journey from a template. Bad parameters: BAD_REQUEST whose message names each
   * parameter ("discountCode: must be …") and whose `data.problems` carry one problem per
   * parameter (`field` = the parameter key).
   */
  instantiate: authedProcedure
    .input(z.object({ id: TemplateId, params: jsonObject(INGEST_LIMITS).default({}), name: z.string().trim().min(1).pipe(line({ max: 200 })).optional() }))
    .mutation(async ({ ctx, input }) => {
      const template = requireTemplate(input.id);
      const name = input.name ?? template.title;
      const id = newJourneyId(name);
      const res = instantiateTemplate(input.id, input.params, { journeyId: id, name });
      if (!res.ok) {
        const problems: Problem[] = res.problems.map((p) => ({
          code: 'schema', // a parameter the template's schema refuses (`field` names it)
          severity: 'error',
          field: p.path,
          message: p.path ? `${p.path}: ${p.message}` : p.message,
        }));
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `invalid template parameters: ${formatProblems(res.problems).replace(/\n/g, '; ')}`,
          cause: new ProblemsError('invalid template parameters', problems),
        });
      }
      const saved = await saveDraft(ctx.db, id, res.journey);
      return { id, name: saved.journey.name, templateId: input.id, params: res.params, problems: saved.problems };
    }),
});
