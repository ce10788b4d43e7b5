/**
 * Every published journey side by side, for the customers who entered in a range: entered,
 * converted, rate, the lift over the holdout (when a random split of any version has one: treatment rate
 * minus holdout rate within the attribution window after the split, with Newcombe's interval),
 * messages sent and failed; and per channel across all journeys, the customers sent something on
 * it and how many of them converted; the same grouped by lifecycle stage (stages.ts). A handful of
 * grouped queries, whatever the number of journeys.
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { parseJourney } from '@cairn/core';
import { DEFAULT_WINDOW_DAYS } from './goals.js';
import { observeConversions } from './observe.js';
import { dayRange, utcTimestamp, type ResolvedRange } from './range.js';
import { byStage, type JourneyChannel, type StageRow } from './stages.js';
import { difference, type Interval } from './stats.js';

export interface OverviewRow {
  journeyId: string;
  name: string;
  status: string;
  liveVersion: number | null;
  stage: string | null;
  entered: number;
  converted: number;
  conversionRate: number | null;
  /** Treatment rate minus holdout rate (fractions) and its 95% interval; null without a holdout. */
  lift: ({ diff: number; treated: number; held: number } & Interval) | null;
  sent: number;
  failed: number;
}

export interface ChannelConversion {
  channel: string;
  /** Enrolments that were sent at least one message on the channel. */
  reached: number;
  converted: number;
  conversionRate: number | null;
}

export async function resultsOverview(db: Db, range: ResolvedRange, now: number): Promise<{ journeys: OverviewRow[]; channels: ChannelConversion[]; stages: StageRow[] }> {
  const journeys = await db.journey.findMany({
    where: { liveVersion: { not: null } },
    select: { id: true, name: true, status: true, liveVersion: true, versions: { orderBy: { version: 'desc' }, select: { definition: true } } },
    orderBy: { name: 'asc' },
  });
  for (const j of journeys) await observeConversions(db, j.id, now);
  // The random splits that held customers out in any version (the newest version's window), so a
  // holdout's lift stays visible after its winner is published.
  const splits: Array<{ journeyId: string; nodeId: string; days: number }> = [];
  const stages = new Map<string, string | null>();
  for (const j of journeys) {
    for (const v of j.versions) {
      const parsed = parseJourney(v.definition);
      if (!parsed.ok) continue;
      if (!stages.has(j.id)) stages.set(j.id, parsed.journey.stage ?? null);
      const days = parsed.journey.settings.goal?.windowDays ?? DEFAULT_WINDOW_DAYS;
      for (const n of parsed.journey.nodes) {
        if (n.type !== 'condition.random' || n.holdoutPercent === 0 || splits.some((s) => s.journeyId === j.id && s.nodeId === n.id)) continue;
        splits.push({ journeyId: j.id, nodeId: n.id, days });
      }
    }
  }
  const [figures, messages, arms, channels] = await Promise.all([
    db.$queryRaw<Array<{ journeyId: string; entered: number; converted: number }>>`
      WITH e AS (
        SELECT "journeyId", sum(n)::int AS n FROM "ResultsEnrolmentDay" WHERE ${dayRange(Prisma.sql`day`, range)} GROUP BY 1
      ), c AS (
        SELECT "journeyId", sum(n)::int AS n FROM "ResultsConversionDay" WHERE ${dayRange(Prisma.sql`"enteredDay"`, range)} GROUP BY 1
      )
      SELECT e."journeyId", e.n AS entered, COALESCE(c.n, 0) AS converted FROM e LEFT JOIN c USING ("journeyId")`,
    db.$queryRaw<Array<{ journeyId: string; channel: string; sent: number; failed: number }>>`
      SELECT "journeyId", channel, COALESCE(sum(n) FILTER (WHERE status = 'sent'), 0)::int AS sent, COALESCE(sum(n) FILTER (WHERE status = 'failed'), 0)::int AS failed
      FROM "ResultsMessageDay" WHERE ${dayRange(Prisma.sql`day`, range)}
      GROUP BY "journeyId", channel`,
    holdoutArms(db, splits, range),
    // Reached: each enrolment once, on its first day in the range with a message on the channel.
    db.$queryRaw<Array<{ journeyId: string | null; channel: string; reached: number; converted: number }>>`
      SELECT NULLIF("journeyId", '') AS "journeyId", channel, sum(n)::int AS reached, COALESCE(sum(n) FILTER (WHERE converted), 0)::int AS converted
      FROM "ResultsReach"
      WHERE ${dayRange(Prisma.sql`day`, range)} AND "prevDay" < ${range.from}::date
      GROUP BY 1, 2 HAVING sum(n) <> 0`,
  ]);
  const rows = journeys.map((j): OverviewRow => {
    const f = figures.find((r) => r.journeyId === j.id);
    const m = messages.filter((r) => r.journeyId === j.id).reduce((a, r) => ({ sent: a.sent + r.sent, failed: a.failed + r.failed }), { sent: 0, failed: 0 });
    // A step without an output (never written for a random split) is in neither arm.
    const treated = arms.find((r) => r.journeyId === j.id && r.held === false);
    const held = arms.find((r) => r.journeyId === j.id && r.held === true);
    const entered = f?.entered ?? 0;
    const converted = f?.converted ?? 0;
    const hasHoldout = splits.some((s) => s.journeyId === j.id);
    const t = treated ?? { customers: 0, converted: 0 };
    const h = held ?? { customers: 0, converted: 0 };
    return {
      journeyId: j.id,
      name: j.name,
      status: j.status,
      liveVersion: j.liveVersion,
      stage: stages.get(j.id) ?? null,
      entered,
      converted,
      conversionRate: entered ? converted / entered : null,
      lift: hasHoldout
        ? { ...difference(t.converted, t.customers, h.converted, h.customers), treated: t.customers, held: h.customers }
        : null,
      sent: m.sent,
      failed: m.failed,
    };
  });
  // Across journeys per channel: an enrolment belongs to one journey, so the sums are exact.
  const total = new Map<string, { reached: number; converted: number }>();
  for (const c of channels) {
    const t = total.get(c.channel) ?? { reached: 0, converted: 0 };
    total.set(c.channel, { reached: t.reached + c.reached, converted: t.converted + c.converted });
  }
  const perJourney: JourneyChannel[] = [];
  for (const m of messages) {
    const c = channels.find((r) => r.journeyId === m.journeyId && r.channel === m.channel);
    perJourney.push({ journeyId: m.journeyId, channel: m.channel, sent: m.sent, failed: m.failed, reached: c?.reached ?? 0, converted: c?.converted ?? 0 });
  }
  return {
    journeys: rows,
    channels: [...total.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([channel, c]) => ({ channel, ...c, conversionRate: c.reached ? c.converted / c.reached : null })),
    stages: byStage(rows, perJourney),
  };
}

/**
 * Treated and held-out customers per journey and how many converted within the window after the
 * split. A journey with one holdout split reads the ResultsSplitArm roll-up; one with several
 * counts each enrolment once, at the first of them it left, so it groups the steps themselves.
 */
async function holdoutArms(db: Db, splits: Array<{ journeyId: string; nodeId: string; days: number }>, range: ResolvedRange) {
  const count = new Map<string, number>();
  for (const s of splits) count.set(s.journeyId, (count.get(s.journeyId) ?? 0) + 1);
  const single = splits.filter((s) => count.get(s.journeyId) === 1);
  const several = splits.filter((s) => count.get(s.journeyId)! > 1);
  type Arm = { journeyId: string; held: boolean | null; customers: number; converted: number };
  const [fromRollup, fromSteps] = await Promise.all([
    single.length === 0
      ? []
      : db.$queryRaw<Arm[]>`
      WITH s AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(single)}::jsonb) AS s("journeyId" text, "nodeId" text, days int)
      )
      SELECT a."journeyId", CASE WHEN a.output <> '' THEN a.output = 'holdout' END AS held, sum(a.n)::int AS customers,
             COALESCE(sum(a.n) FILTER (WHERE a."lagDays" >= 0 AND a."lagDays" <= s.days), 0)::int AS converted
      FROM s JOIN "ResultsSplitArm" a ON a."journeyId" = s."journeyId" AND a."nodeId" = s."nodeId"
      WHERE ${dayRange(Prisma.sql`a."enteredDay"`, range)}
      GROUP BY 1, 2 HAVING sum(a.n) <> 0`,
    several.length === 0
      ? []
      : db.$queryRaw<Arm[]>`
      WITH s AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(several)}::jsonb) AS s("journeyId" text, "nodeId" text, days int)
      ), arms AS (
        SELECT DISTINCT ON (ne."enrolmentId") ne."enrolmentId", ne."journeyId", ne.output = 'holdout' AS held, ne.at, s.days
        FROM s JOIN "NodeEvent" ne ON ne."journeyId" = s."journeyId" AND ne."nodeId" = s."nodeId" AND ne.kind = 'left'
        JOIN "Enrolment" e ON e.id = ne."enrolmentId"
        WHERE e."enteredAt" >= ${utcTimestamp(range.start)} AND e."enteredAt" < ${utcTimestamp(range.end)}
        ORDER BY ne."enrolmentId", ne.seq
      )
      SELECT a."journeyId", a.held, count(*)::int AS customers,
             count(c.id) FILTER (WHERE c."convertedAt" >= a.at AND c."convertedAt" <= a.at + make_interval(days => a.days))::int AS converted
      FROM arms a LEFT JOIN "Conversion" c ON c."enrolmentId" = a."enrolmentId"
      GROUP BY a."journeyId", a.held`,
  ]);
  return [...fromRollup, ...fromSteps];
}
