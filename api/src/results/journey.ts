/**
 * A journey's headline results for the enrolments that entered in a range: entered, converted
 * (at any time since), conversion rate, median time to convert and how they left, in total and
 * per published version. Read from the roll-ups (ResultsEnrolmentDay, ResultsConversionDay: one
 * row per day, version and status, or per distinct time to convert, so the median stays exact).
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { dayRange, type ResolvedRange } from './range.js';

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
  const ofVersion = version === undefined ? Prisma.empty : Prisma.sql`AND version = ${version}`;
  const [entered, converted] = await Promise.all([
    db.$queryRaw<Array<{ version: number; status: string; reason: string; n: number }>>`
      SELECT version, status, reason, sum(n)::int AS n FROM "ResultsEnrolmentDay"
      WHERE "journeyId" = ${journeyId} AND ${dayRange(Prisma.sql`day`, range)} ${ofVersion}
      GROUP BY version, status, reason HAVING sum(n) <> 0`,
    db.$queryRaw<Array<{ version: number; seconds: number; n: number }>>`
      SELECT version, seconds, sum(n)::int AS n FROM "ResultsConversionDay"
      WHERE "journeyId" = ${journeyId} AND ${dayRange(Prisma.sql`"enteredDay"`, range)} ${ofVersion}
      GROUP BY version, seconds HAVING sum(n) <> 0 ORDER BY seconds`,
  ]);
  const exited: Record<string, number> = {};
  const enteredBy = new Map<number, number>();
  let running = 0;
  for (const r of entered) {
    enteredBy.set(r.version, (enteredBy.get(r.version) ?? 0) + r.n);
    if (r.status === 'active' || r.status === 'waiting') running += r.n;
    else exited[r.reason || r.status] = (exited[r.reason || r.status] ?? 0) + r.n;
  }
  const versions = [...new Set([...enteredBy.keys(), ...converted.map((r) => r.version)])].sort((a, b) => a - b);
  const of = (v?: number) => {
    const times = converted.filter((r) => v === undefined || r.version === v);
    const n = v === undefined ? [...enteredBy.values()].reduce((a, b) => a + b, 0) : (enteredBy.get(v) ?? 0);
    return figures(n, times.reduce((a, r) => a + r.n, 0), median(times));
  };
  return { ...of(), running, exited, versions: versions.map((v) => ({ version: v, ...of(v) })) };
}

/**
 * The median of a histogram (value, count), sorted by value, as PostgreSQL's percentile_cont(0.5)
 * gives it over the expanded values: the middle one, or the mean of the two middle ones.
 */
export function median(histogram: Array<{ seconds: number; n: number }>): number | null {
  const total = histogram.reduce((a, r) => a + r.n, 0);
  if (total === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const r of histogram) {
      seen += r.n;
      if (k < seen) return r.seconds;
    }
    return histogram[histogram.length - 1]!.seconds;
  };
  const pos = (total - 1) / 2;
  const lo = at(Math.floor(pos));
  return lo + (at(Math.ceil(pos)) - lo) * (pos - Math.floor(pos));
}
