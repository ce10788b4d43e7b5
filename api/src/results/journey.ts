/**
 * A journey's headline results for the enrolments that entered in a range: entered, converted
 * (at any time since), conversion rate, median time to convert and how they left, in total and
 * per published version. One grouped query over Enrolment and Conversion.
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { utcTimestamp, type ResolvedRange } from './range.js';

export interface Figures {
  entered: number;
  converted: number;
  /** converted / entered (0..1), null when nobody entered. */
  conversionRate: number | null;
  /** Median seconds from entering to converting, null with no conversion. */
  medianSecondsToConvert: number | null;
}

export interface JourneyResults extends Figures {
  /** Still in the journey (active or waiting). */
  running: number;
  /** Ended enrolments by exit reason (goal, end-of-path, holdout, exit-event, stopped, a custom exit…). */
  exited: Record<string, number>;
  versions: Array<Figures & { version: number }>;
}

const figures = (entered: number, converted: number, median: number | null): Figures => ({
  entered,
  converted,
  conversionRate: entered ? converted / entered : null,
  medianSecondsToConvert: median === null ? null : Number(median),
});

export async function journeyResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<JourneyResults> {
  const inRange = Prisma.sql`e."journeyId" = ${journeyId} AND e."enteredAt" >= ${utcTimestamp(range.start)} AND e."enteredAt" < ${utcTimestamp(range.end)}
    ${version === undefined ? Prisma.empty : Prisma.sql`AND e.version = ${version}`}`;
  const [byVersion, exits] = await Promise.all([
    db.$queryRaw<Array<{ version: number | null; entered: number; converted: number; median: number | null }>>`
      SELECT e.version, count(*)::int AS entered, count(c.id)::int AS converted,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY c."secondsToConvert") AS median
      FROM "Enrolment" e LEFT JOIN "Conversion" c ON c."enrolmentId" = e.id
      WHERE ${inRange}
      GROUP BY ROLLUP (e.version)
      ORDER BY e.version NULLS FIRST`,
    db.$queryRaw<Array<{ status: string; reason: string | null; n: number }>>`
      SELECT e.status::text AS status, e."exitReason" AS reason, count(*)::int AS n
      FROM "Enrolment" e WHERE ${inRange}
      GROUP BY e.status, e."exitReason"`,
  ]);
  const total = byVersion.find((r) => r.version === null);
  const exited: Record<string, number> = {};
  let running = 0;
  for (const r of exits) {
    if (r.status === 'active' || r.status === 'waiting') running += r.n;
    else exited[r.reason ?? r.status] = (exited[r.reason ?? r.status] ?? 0) + r.n;
  }
  return {
    ...figures(total?.entered ?? 0, total?.converted ?? 0, total?.median ?? null),
    running,
    exited,
    versions: byVersion.filter((r) => r.version !== null).map((r) => ({ version: r.version!, ...figures(r.entered, r.converted, r.median) })),
  };
}
