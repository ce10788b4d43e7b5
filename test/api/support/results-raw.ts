/**
 * The results queries as they were before the roll-ups (api/src/results read ResultsEnrolmentDay
 * and friends since migration 20261130050000_results_rollups): plain grouped queries over
 * Enrolment, Conversion, NodeEvent and Message. Kept here as the reference the roll-ups must
 * match exactly (test/api/results-rollups.test.ts) and as the "before" of test/bench/results.
 */
import type { Db, MessageStatus } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { parseJourney } from '@cairn/core';
import { DEFAULT_WINDOW_DAYS } from '../../../api/src/results/goals.js';
import { observeConversions } from '../../../api/src/results/observe.js';
import type { ChannelConversion, OverviewRow } from '../../../api/src/results/overview.js';
import { difference } from '../../../api/src/results/stats.js';
import { byStage, type JourneyChannel, type StageRow } from '../../../api/src/results/stages.js';
import { experimentsOf, splitsOf, type ExperimentResults } from '../../../api/src/results/experiments.js';
import { COLUMN_OF, type ChannelResults } from '../../../api/src/results/channels.js';
import type { Figures, JourneyResults } from '../../../api/src/results/journey.js';
import type { NodeResults } from '../../../api/src/results/nodes.js';
import { utcTimestamp, type ResolvedRange } from '../../../api/src/results/range.js';
import type { DayResults } from '../../../api/src/results/series.js';

const figures = (entered: number, converted: number, median: number | null): Figures => ({
  entered,
  converted,
  conversionRate: entered ? converted / entered : null,
  medianSecondsToConvert: median === null ? null : Number(median),
});

export async function rawJourneyResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<JourneyResults> {
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

/** Messages of the journey created in the range (of enrolments in `version` when given), by channel. */
export async function rawChannelResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<ChannelResults[]> {
  const rows = await db.$queryRaw<Array<{ channel: string; status: MessageStatus; n: number; delivered: number; receipts: number }>>`
    SELECT m.channel, m.status::text AS status, count(*)::int AS n,
           count(*) FILTER (WHERE m.receipt = 'delivered')::int AS delivered, count(m.receipt)::int AS receipts
    FROM "Message" m
    ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
    WHERE m."journeyId" = ${journeyId} AND m."createdAt" >= ${utcTimestamp(range.start)} AND m."createdAt" < ${utcTimestamp(range.end)}
    GROUP BY m.channel, m.status
    ORDER BY m.channel`;
  const by = new Map<string, ChannelResults>();
  for (const r of rows) {
    const c = by.get(r.channel) ?? { channel: r.channel, messages: 0, sent: 0, failed: 0, suppressed: 0, deferred: 0, sending: 0, delivered: null, opened: null, clicked: null };
    c[COLUMN_OF[r.status]] += r.n;
    c.messages += r.n;
    if (r.receipts > 0) c.delivered = (c.delivered ?? 0) + r.delivered;
    by.set(r.channel, c);
  }
  return [...by.values()];
}

export async function rawDailySeries(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<DayResults[]> {
  const from = utcTimestamp(range.start);
  const to = utcTimestamp(range.end);
  const ofVersion = (alias: string) => (version === undefined ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(alias)}.version = ${version}`);
  const rows = await db.$queryRaw<DayResults[]>`
    WITH days AS (
      SELECT generate_series(${from}, ${to} - interval '1 day', interval '1 day') AS d
    ), entered AS (
      SELECT date_trunc('day', e."enteredAt") AS d, count(*)::int AS n FROM "Enrolment" e
      WHERE e."journeyId" = ${journeyId} AND e."enteredAt" >= ${from} AND e."enteredAt" < ${to} ${ofVersion('e')} GROUP BY 1
    ), converted AS (
      SELECT date_trunc('day', c."convertedAt") AS d, count(*)::int AS n FROM "Conversion" c
      WHERE c."journeyId" = ${journeyId} AND c."convertedAt" >= ${from} AND c."convertedAt" < ${to} ${ofVersion('c')} GROUP BY 1
    ), messages AS (
      SELECT date_trunc('day', m."createdAt") AS d,
             count(*) FILTER (WHERE m.status = 'sent')::int AS sent,
             count(*) FILTER (WHERE m.status = 'failed')::int AS failed,
             count(*) FILTER (WHERE m.status IN ('suppressed', 'capped', 'no_address'))::int AS suppressed
      FROM "Message" m
      ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
      WHERE m."journeyId" = ${journeyId} AND m."createdAt" >= ${from} AND m."createdAt" < ${to} GROUP BY 1
    )
    SELECT to_char(days.d, 'YYYY-MM-DD') AS day, COALESCE(entered.n, 0) AS entered, COALESCE(converted.n, 0) AS converted,
           COALESCE(messages.sent, 0) AS sent, COALESCE(messages.failed, 0) AS failed, COALESCE(messages.suppressed, 0) AS suppressed
    FROM days LEFT JOIN entered USING (d) LEFT JOIN converted USING (d) LEFT JOIN messages USING (d)
    ORDER BY days.d`;
  return rows;
}

export async function rawNodeResults(db: Db, journeyId: string, version?: number): Promise<Record<string, NodeResults>> {
  const ofVersion = version === undefined ? Prisma.empty : Prisma.sql`AND e.version = ${version}`;
  const [steps, messages] = await Promise.all([
    db.$queryRaw<Array<{ nodeId: string; kind: string; output: string | null; n: number; converted: number }>>`
      SELECT ne."nodeId", ne.kind::text AS kind, ne.output, count(DISTINCT ne."enrolmentId")::int AS n,
             count(DISTINCT ne."enrolmentId") FILTER (WHERE c.id IS NOT NULL)::int AS converted
      FROM "NodeEvent" ne JOIN "Enrolment" e ON e.id = ne."enrolmentId" ${ofVersion}
      LEFT JOIN "Conversion" c ON c."enrolmentId" = ne."enrolmentId"
      WHERE ne."journeyId" = ${journeyId} AND ne.kind IN ('entered', 'left')
      GROUP BY ne."nodeId", ne.kind, ne.output`,
    db.$queryRaw<Array<{ nodeId: string; status: MessageStatus; n: number }>>`
      SELECT m."nodeId", m.status::text AS status, count(*)::int AS n
      FROM "Message" m
      ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
      WHERE m."journeyId" = ${journeyId} AND m."nodeId" IS NOT NULL
      GROUP BY m."nodeId", m.status`,
  ]);
  const nodes: Record<string, NodeResults> = {};
  const at = (id: string) => (nodes[id] ??= { entered: 0, converted: 0, outputs: {}, messages: {} });
  for (const r of steps) {
    const n = at(r.nodeId);
    if (r.kind === 'entered') {
      n.entered = r.n;
      n.converted = r.converted;
    } else if (r.output !== null) {
      n.outputs[r.output] = { took: r.n, converted: r.converted };
    }
  }
  for (const r of messages) {
    const n = at(r.nodeId);
    const column = COLUMN_OF[r.status];
    n.messages[column] = (n.messages[column] ?? 0) + r.n;
  }
  return nodes;
}

export async function rawResultsOverview(db: Db, range: ResolvedRange, now: number): Promise<{ journeys: OverviewRow[]; channels: ChannelConversion[]; stages: StageRow[] }> {
  const journeys = await db.journey.findMany({
    where: { liveVersion: { not: null } },
    select: { id: true, name: true, status: true, liveVersion: true, versions: { orderBy: { version: 'desc' }, select: { definition: true } } },
    orderBy: { name: 'asc' },
  });
  for (const j of journeys) await fullObservation(db, j.id, now);
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
  const from = utcTimestamp(range.start);
  const to = utcTimestamp(range.end);
  const [figures, messagesByChannel, arms, channels] = await Promise.all([
    db.$queryRaw<Array<{ journeyId: string; entered: number; converted: number }>>`
      SELECT e."journeyId", count(*)::int AS entered, count(c.id)::int AS converted
      FROM "Enrolment" e LEFT JOIN "Conversion" c ON c."enrolmentId" = e.id
      WHERE e."enteredAt" >= ${from} AND e."enteredAt" < ${to}
      GROUP BY e."journeyId"`,
    db.$queryRaw<Array<{ journeyId: string; channel: string; sent: number; failed: number }>>`
      SELECT m."journeyId", m.channel, count(*) FILTER (WHERE m.status = 'sent')::int AS sent, count(*) FILTER (WHERE m.status = 'failed')::int AS failed
      FROM "Message" m
      WHERE m."journeyId" IS NOT NULL AND m."createdAt" >= ${from} AND m."createdAt" < ${to}
      GROUP BY m."journeyId", m.channel`,
    db.$queryRaw<Array<{ journeyId: string; held: boolean | null; customers: number; converted: number }>>`
      WITH s AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(splits)}::jsonb) AS s("journeyId" text, "nodeId" text, days int)
      ), arms AS (
        SELECT DISTINCT ON (ne."enrolmentId") ne."enrolmentId", ne."journeyId", ne.output = 'holdout' AS held, ne.at, s.days
        FROM s JOIN "NodeEvent" ne ON ne."journeyId" = s."journeyId" AND ne."nodeId" = s."nodeId" AND ne.kind = 'left'
        JOIN "Enrolment" e ON e.id = ne."enrolmentId"
        WHERE e."enteredAt" >= ${from} AND e."enteredAt" < ${to}
        ORDER BY ne."enrolmentId", ne.seq
      )
      SELECT a."journeyId", a.held, count(*)::int AS customers,
             count(c.id) FILTER (WHERE c."convertedAt" >= a.at AND c."convertedAt" <= a.at + make_interval(days => a.days))::int AS converted
      FROM arms a LEFT JOIN "Conversion" c ON c."enrolmentId" = a."enrolmentId"
      GROUP BY a."journeyId", a.held`,
    db.$queryRaw<Array<{ journeyId: string | null; channel: string; reached: number; converted: number }>>`
      WITH reached AS (
        SELECT DISTINCT m."journeyId", m.channel, m."enrolmentId" FROM "Message" m
        WHERE m.status = 'sent' AND m."enrolmentId" IS NOT NULL AND m."createdAt" >= ${from} AND m."createdAt" < ${to}
      )
      SELECT r."journeyId", r.channel, count(*)::int AS reached, count(c.id)::int AS converted
      FROM reached r LEFT JOIN "Conversion" c ON c."enrolmentId" = r."enrolmentId"
      GROUP BY r."journeyId", r.channel`,
  ]);
  const rows = journeys.map((j): OverviewRow => {
    const f = figures.find((r) => r.journeyId === j.id);
    const m = messagesByChannel.filter((r) => r.journeyId === j.id).reduce((a, r) => ({ sent: a.sent + r.sent, failed: a.failed + r.failed }), { sent: 0, failed: 0 });
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
  const total = new Map<string, { reached: number; converted: number }>();
  for (const c of channels) {
    const t = total.get(c.channel) ?? { reached: 0, converted: 0 };
    total.set(c.channel, { reached: t.reached + c.reached, converted: t.converted + c.converted });
  }
  const perJourney: JourneyChannel[] = [];
  for (const m of messagesByChannel) {
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

/** Random-split arms grouped from NodeEvent, Enrolment and Conversion (before ResultsSplitArm). */
export async function rawExperimentResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<ExperimentResults[]> {
  const { splits, windows } = await splitsOf(db, journeyId, version);
  if (splits.size === 0) return [];
  const rows = await db.$queryRaw<Array<{ nodeId: string; output: string; customers: number; converted: number }>>`
    WITH arms AS (
      SELECT DISTINCT ON (ne."enrolmentId", ne."nodeId") ne."enrolmentId", ne."nodeId", ne.output, ne.at, e.version
      FROM "NodeEvent" ne JOIN "Enrolment" e ON e.id = ne."enrolmentId"
      WHERE ne."journeyId" = ${journeyId} AND ne.kind = 'left' AND ne."nodeId" = ANY(${[...splits.keys()]})
        AND e."enteredAt" >= ${utcTimestamp(range.start)} AND e."enteredAt" < ${utcTimestamp(range.end)}
        ${version === undefined ? Prisma.empty : Prisma.sql`AND e.version = ${version}`}
      ORDER BY ne."enrolmentId", ne."nodeId", ne.seq
    )
    SELECT a."nodeId", a.output, count(*)::int AS customers,
           count(c.id) FILTER (WHERE c."convertedAt" >= a.at AND c."convertedAt" <= a.at + make_interval(days => COALESCE((${JSON.stringify(windows)}::jsonb ->> a.version::text)::int, ${DEFAULT_WINDOW_DAYS})))::int AS converted
    FROM arms a LEFT JOIN "Conversion" c ON c."enrolmentId" = a."enrolmentId"
    GROUP BY a."nodeId", a.output`;
  return experimentsOf(splits, rows);
}

/**
 * The observation of goal events as it was before the queue of changed customers: every open
 * enrolment of the journey read again (dropping the journey's mark makes the next pass a full one).
 */
export async function fullObservation(db: Db, journeyId: string, now: number): Promise<number> {
  await db.$executeRaw`DELETE FROM "ResultsObserveMark" WHERE "journeyId" = ${journeyId}`;
  return observeConversions(db, journeyId, now);
}
