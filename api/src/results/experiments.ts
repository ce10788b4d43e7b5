/**
 * Random-split experiments: per arm (each variant and the holdout) the customers the split sent
 * there and how many converted within the attribution window after the split (a conversion before
 * the split, by the journey's own goal event, is not the experiment's), the same window
 * for every arm, so a holdout (which leaves at the split and is only observed, observe.ts) and a
 * treatment arm (which may stay in the journey for weeks) are compared over the same time. Each
 * arm is compared with the control: the holdout when the split has one (the lift), else the first
 * variant, with Newcombe's interval for the difference and a plain sentence.
 */
import type { Db } from '@cairn/db';
import { definitionOf, parseJourney, type JourneyNode } from '@cairn/engine';
import { Prisma } from '@cairn/db';
import { DEFAULT_WINDOW_DAYS } from './goals.js';
import { utcTimestamp, type ResolvedRange } from './range.js';
import { verdict } from './sentence.js';
import { difference, wilson, type Interval } from './stats.js';

export interface ArmResults {
  output: string;
  label: string;
  customers: number;
  converted: number;
  rate: number | null;
  ci: Interval;
  control: boolean;
  /** This arm's rate minus the control's (fractions), with its 95% interval; null for the control. */
  vsControl: ({ diff: number } & Interval) | null;
  sentence: string | null;
}

export interface ExperimentResults {
  nodeId: string;
  /** The split's name on the canvas (its label, else "Random split"). */
  title: string;
  windowDays: number;
  arms: ArmResults[];
}

interface Split {
  node: Extract<JourneyNode, { type: 'condition.random' }>;
  windowDays: number;
}

/** The random splits of the versions in scope, the newest definition of each node winning. */
async function splitsOf(db: Db, journeyId: string, version?: number): Promise<{ splits: Map<string, Split>; windows: Record<string, number> }> {
  const versions = await db.journeyVersion.findMany({
    where: { journeyId, ...(version === undefined ? {} : { version }) },
    orderBy: { version: 'asc' },
    select: { id: true, definition: true },
  });
  const splits = new Map<string, Split>();
  const windows: Record<string, number> = {};
  for (const v of versions) {
    const parsed = parseJourney(v.definition);
    if (!parsed.ok) continue;
    const windowDays = parsed.journey.settings.goal?.windowDays ?? DEFAULT_WINDOW_DAYS;
    windows[v.id] = windowDays;
    for (const n of parsed.journey.nodes) if (n.type === 'condition.random') splits.set(n.id, { node: n, windowDays });
  }
  return { splits, windows };
}

export async function experimentResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<ExperimentResults[]> {
  const { splits, windows } = await splitsOf(db, journeyId, version);
  if (splits.size === 0) return [];
  const rows = await db.$queryRaw<Array<{ nodeId: string; output: string; customers: number; converted: number }>>`
    WITH arms AS (
      SELECT DISTINCT ON (ne."enrolmentId", ne."nodeId") ne."enrolmentId", ne."nodeId", ne.output, ne.at, e."versionId"
      FROM "NodeEvent" ne JOIN "Enrolment" e ON e.id = ne."enrolmentId"
      WHERE ne."journeyId" = ${journeyId} AND ne.kind = 'left' AND ne."nodeId" = ANY(${[...splits.keys()]})
        AND e."enteredAt" >= ${utcTimestamp(range.start)} AND e."enteredAt" < ${utcTimestamp(range.end)}
        ${version === undefined ? Prisma.empty : Prisma.sql`AND e.version = ${version}`}
      ORDER BY ne."enrolmentId", ne."nodeId", ne.seq
    )
    SELECT a."nodeId", a.output, count(*)::int AS customers,
           count(c.id) FILTER (WHERE c."convertedAt" >= a.at AND c."convertedAt" <= a.at + make_interval(days => COALESCE((${JSON.stringify(windows)}::jsonb ->> a."versionId")::int, ${DEFAULT_WINDOW_DAYS})))::int AS converted
    FROM arms a LEFT JOIN "Conversion" c ON c."enrolmentId" = a."enrolmentId"
    GROUP BY a."nodeId", a.output`;
  return [...splits.values()].map(({ node, windowDays }) => {
    const outputs = definitionOf(node.type).outputs(node);
    const counts = (output: string) => rows.find((r) => r.nodeId === node.id && r.output === output) ?? { customers: 0, converted: 0 };
    const controlId = node.holdoutPercent > 0 ? 'holdout' : outputs[0]!.id;
    const labelOf = (id: string) => (id === 'holdout' ? 'Holdout' : (node.variants.find((v) => v.id === id)?.label ?? id));
    const control = { label: labelOf(controlId), ...counts(controlId) };
    const arms = outputs.map((o): ArmResults => {
      const c = counts(o.id);
      const arm = { label: labelOf(o.id), ...c };
      const isControl = o.id === controlId;
      const vs = isControl ? null : difference(c.converted, c.customers, control.converted, control.customers);
      return {
        output: o.id,
        label: arm.label,
        customers: c.customers,
        converted: c.converted,
        rate: c.customers ? c.converted / c.customers : null,
        ci: wilson(c.converted, c.customers),
        control: isControl,
        vsControl: vs,
        sentence: vs ? verdict(arm, control, vs) : null,
      };
    });
    return { nodeId: node.id, title: node.label ?? 'Random split', windowDays, arms };
  });
}
