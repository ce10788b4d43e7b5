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
import { definitionOf, parseJourney, type JourneyNode } from '@cairn/core';
import { Prisma } from '@cairn/db';
import { DEFAULT_WINDOW_DAYS } from './goals.js';
import { dayRange, type ResolvedRange } from './range.js';
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

export interface Split {
  node: Extract<JourneyNode, { type: 'condition.random' }>;
  windowDays: number;
}

/** The random splits of the versions in scope, the newest definition of each node winning; the window of each version by its number. */
export async function splitsOf(db: Db, journeyId: string, version?: number): Promise<{ splits: Map<string, Split>; windows: Record<number, number> }> {
  const versions = await db.journeyVersion.findMany({
    where: { journeyId, ...(version === undefined ? {} : { version }) },
    orderBy: { version: 'asc' },
    select: { version: true, definition: true },
  });
  const splits = new Map<string, Split>();
  const windows: Record<number, number> = {};
  for (const v of versions) {
    const parsed = parseJourney(v.definition);
    if (!parsed.ok) continue;
    const windowDays = parsed.journey.settings.goal?.windowDays ?? DEFAULT_WINDOW_DAYS;
    windows[v.version] = windowDays;
    for (const n of parsed.journey.nodes) if (n.type === 'condition.random') splits.set(n.id, { node: n, windowDays });
  }
  return { splits, windows };
}

export interface ArmRow {
  nodeId: string;
  output: string;
  customers: number;
  converted: number;
}

/**
 * Read from the ResultsSplitArm roll-up: an arm's customers are its enrolments in the range, its
 * conversions those within their version's window after the split (lagDays 0 to the window).
 */
export async function experimentResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<ExperimentResults[]> {
  const { splits, windows } = await splitsOf(db, journeyId, version);
  if (splits.size === 0) return [];
  const rows = await db.$queryRaw<ArmRow[]>`
    SELECT "nodeId", output, sum(n)::int AS customers,
           COALESCE(sum(n) FILTER (WHERE "lagDays" >= 0 AND "lagDays" <= COALESCE((${JSON.stringify(windows)}::jsonb ->> version::text)::int, ${DEFAULT_WINDOW_DAYS})), 0)::int AS converted
    FROM "ResultsSplitArm"
    WHERE "journeyId" = ${journeyId} AND "nodeId" = ANY(${[...splits.keys()]}) AND ${dayRange(Prisma.sql`"enteredDay"`, range)}
      ${version === undefined ? Prisma.empty : Prisma.sql`AND version = ${version}`}
    GROUP BY "nodeId", output HAVING sum(n) <> 0`;
  return experimentsOf(splits, rows);
}

/** Each split's arms from the counts per node and output, compared with the control. */
export function experimentsOf(splits: Map<string, Split>, rows: ArmRow[]): ExperimentResults[] {
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
