/**
 * REST: results — a journey's results and every journey's side by side, the same figures as the
 * editor's results pages (routers/results.ts calls the same functions). Ranges are flat query
 * parameters here: `days` (7, 30 or 90) or `from` + `to` (YYYY-MM-DD, UTC).
 *
 * The answers are declared as loose objects: the documented fields are a stable contract, and
 * figures the results pages gain later are passed through rather than stripped.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Id } from '@cairn/core';
import { readJourneyResults, type ResultsRange } from '../results/index.js';
import { resultsOverview } from '../results/overview.js';
import { resolveRange } from '../results/range.js';
import { authedProcedure, router } from '../trpc.js';

const tags = ['results'];

const RangeQuery = {
  days: z.enum(['7', '30', '90']).optional().meta({ description: 'The last 7, 30 or 90 days, today included (default 30)' }),
  from: z.iso.date().optional().meta({ description: 'First day (YYYY-MM-DD, UTC), with `to`' }),
  to: z.iso.date().optional().meta({ description: 'Last day (YYYY-MM-DD, UTC), with `from`' }),
};

function rangeOf(q: { days?: '7' | '30' | '90' | undefined; from?: string | undefined; to?: string | undefined }): ResultsRange {
  if (q.from !== undefined || q.to !== undefined) {
    if (q.days !== undefined) throw new TRPCError({ code: 'BAD_REQUEST', message: 'give either days, or from and to, not both' });
    if (q.from === undefined || q.to === undefined) throw new TRPCError({ code: 'BAD_REQUEST', message: 'from and to go together' });
    return { from: q.from, to: q.to };
  }
  return { days: Number(q.days ?? 30) as 7 | 30 | 90 };
}

const Rate = z.number().nullable().meta({ description: 'converted / entered (0..1); null when nobody entered' });
const Range = z.looseObject({ from: z.string(), to: z.string(), days: z.number().int() });
const Figures = {
  entered: z.number().int(),
  converted: z.number().int(),
  conversionRate: Rate,
};

const JourneyResultsOut = z.looseObject({
  journey: z.looseObject({ id: z.string(), name: z.string(), status: z.string(), liveVersion: z.number().int().nullable() }),
  version: z.number().int().nullable().meta({ description: 'The version the figures are for; null: every version' }),
  range: Range,
  headline: z.looseObject({
    ...Figures,
    medianSecondsToConvert: z.number().nullable(),
    running: z.number().int().meta({ description: 'Still in the journey' }),
    exited: z.record(z.string(), z.number().int()).meta({ description: 'Ended enrolments by exit reason' }),
    versions: z.array(z.looseObject({ version: z.number().int(), ...Figures })),
  }),
  channels: z.array(z.looseObject({ channel: z.string(), messages: z.number().int(), sent: z.number().int(), failed: z.number().int(), suppressed: z.number().int() })).meta({ description: 'Message outcomes per channel' }),
  series: z.array(z.looseObject({ day: z.string(), entered: z.number().int(), converted: z.number().int() })).meta({ description: 'Day by day' }),
  experiments: z.array(z.looseObject({ nodeId: z.string(), title: z.string(), arms: z.array(z.looseObject({ output: z.string(), label: z.string(), customers: z.number().int(), converted: z.number().int(), rate: z.number().nullable() })) })).meta({ description: 'Random splits: each variant against the control or holdout, with 95% intervals' }),
  at: z.number().meta({ description: 'When the figures were read (epoch ms)' }),
});

const OverviewOut = z.looseObject({
  range: Range,
  journeys: z.array(z.looseObject({ journeyId: z.string(), name: z.string(), status: z.string(), ...Figures, sent: z.number().int(), failed: z.number().int() })),
  channels: z.array(z.looseObject({ channel: z.string(), reached: z.number().int(), converted: z.number().int(), conversionRate: Rate })),
  at: z.number(),
});

export const restResults = router({
  journey: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/journeys/{journeyId}/results', tags, summary: 'A journey\'s results: conversion, exits, channels, day by day and experiments, for customers who entered in the range', protect: true } })
    .input(z.object({ journeyId: Id, ...RangeQuery, version: z.coerce.number().int().min(1).max(1_000_000).optional().meta({ description: 'One published version (default: all)' }) }))
    .output(JourneyResultsOut)
    // Interfaces have no index signature: the output parser checks the shape at run time.
    .query(async ({ ctx, input }) => (await readJourneyResults(ctx.db, ctx.clock.now(), { journeyId: input.journeyId, range: rangeOf(input), version: input.version })) as unknown as z.infer<typeof JourneyResultsOut>),

  overview: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/results', tags, summary: 'Every published journey side by side, and conversion per channel across journeys', protect: true } })
    .input(z.object(RangeQuery))
    .output(OverviewOut)
    .query(async ({ ctx, input }) => {
      const now = ctx.clock.now();
      const range = resolveRange(rangeOf(input), now);
      return { range, ...(await resultsOverview(ctx.db, range, now)), at: now } as unknown as z.infer<typeof OverviewOut>;
    }),
});
