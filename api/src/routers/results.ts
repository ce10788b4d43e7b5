/** tRPC: results — what a journey achieves (conversions, channels, daily series, experiments). */
import { z } from 'zod';
import { Id } from '@cairn/core';
import { readJourneyResults, ResultsRange } from '../results/index.js';
import { resultsOverview } from '../results/overview.js';
import { resolveRange } from '../results/range.js';
import { observeConversions } from '../results/observe.js';
import { requireJourney } from '../journeys/lifecycle.js';
import { nodeResults } from '../results/nodes.js';
import { makeWinner } from '../results/winner.js';
import { authedProcedure, router } from '../trpc.js';

export const resultsRouter = router({
  /**
   * One journey's results for the customers who entered in the range (`{ days: 7 | 30 | 90 }` or
   * `{ from, to }` as YYYY-MM-DD, UTC), of every version or of one. A reversed range is a
   * BAD_REQUEST, an unknown journey or version NOT_FOUND.
   */
  journey: authedProcedure
    .input(z.object({ journeyId: Id, range: ResultsRange.default({ days: 30 }), version: z.number().int().min(1).max(1_000_000).optional() }))
    .query(({ ctx, input }) => readJourneyResults(ctx.db, ctx.clock.now(), input)),
  /**
   * Per node and per output (edge) of one journey: customers who entered or took it and how many
   * of them converted, and message outcomes per node (for a canvas overlay), of one version or all.
   */
  nodes: authedProcedure
    .input(z.object({ journeyId: Id, version: z.number().int().min(1).max(1_000_000).optional() }))
    .query(async ({ ctx, input }) => {
      const journey = await requireJourney(ctx.db, input.journeyId);
      await observeConversions(ctx.db, journey.id, ctx.clock.now());
      return nodeResults(ctx.db, journey.id, input.version);
    }),
  /**
   * Every published journey side by side (entered, converted, rate, lift over the holdout,
   * messages sent and failed) and conversion per channel across journeys, for the same ranges.
   */
  overview: authedProcedure
    .input(z.object({ range: ResultsRange.default({ days: 30 }) }))
    .query(({ ctx, input }) => {
      const now = ctx.clock.now();
      const range = resolveRange(input.range, now);
      return resultsOverview(ctx.db, range, now).then((r) => ({ range, ...r, at: now }));
    }),
  /**
   * Publishes a new version in which the random split `nodeId` sends everyone to variant
   * `output` (its note says so); customers already inside keep their version.
   */
  makeWinner: authedProcedure
    .input(z.object({ journeyId: Id, nodeId: Id, output: Id }))
    .mutation(({ ctx, input }) => makeWinner(ctx.db, input, ctx.user.email)),
});
