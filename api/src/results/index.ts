/**
 * A journey's results in one read: headline figures (total and per version), exits by reason,
 * messages by channel, the daily series and the random-split experiments, for the enrolments
 * that entered in the range. Goal events seen since the last read are recorded first (observe.ts).
 */
import type { Db } from '@cairn/db';
import { TRPCError } from '@trpc/server';
import { requireJourney } from '../journeys/lifecycle.js';
import { channelResults } from './channels.js';
import { experimentResults } from './experiments.js';
import { journeyResults } from './journey.js';
import { observeConversions } from './observe.js';
import { resolveRange, type ResultsRange } from './range.js';
import { dailySeries } from './series.js';

export { ResultsRange } from './range.js';

export async function readJourneyResults(db: Db, now: number, input: { journeyId: string; range: ResultsRange; version?: number | undefined }) {
  const range = resolveRange(input.range, now);
  const journey = await requireJourney(db, input.journeyId);
  const { version } = input;
  if (version !== undefined && !(await db.journeyVersion.findUnique({ where: { journeyId_version: { journeyId: journey.id, version } }, select: { id: true } }))) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `journey "${journey.id}" has no version ${version}` });
  }
  await observeConversions(db, journey.id, now);
  const [headline, channels, series, experiments] = await Promise.all([
    journeyResults(db, journey.id, range, version),
    channelResults(db, journey.id, range, version),
    dailySeries(db, journey.id, range, version),
    experimentResults(db, journey.id, range, version),
  ]);
  return {
    journey: { id: journey.id, name: journey.name, status: journey.status, liveVersion: journey.liveVersion },
    version: version ?? null,
    range,
    headline,
    channels,
    series,
    experiments,
    at: now,
  };
}
