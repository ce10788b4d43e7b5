/**
 * Routing a stored event: enrol the customer into every live journey whose trigger it matches
 * (entry rules permitting), then pass it to the customer's running enrolments (waits, goals and
 * exit events are theirs to decide). Safe to repeat: entries are claimed per (journey, event) and
 * runs drop events whose id they have seen. Marks the rows processed at the end.
 */
import type { Db, EventRow } from '@cairn/db';
import type { CustomerEvent, Facts, JourneyNode, Profile } from '@cairn/core';
import { definitionOf, HISTORY_LIMIT, MANUAL_ENROL } from '@cairn/core';
import { segmentsOf } from '@cairn/engine/runtime';
import { WORKFLOW_INPUT_VERSION, type JourneyWorkflowInput } from '@cairn/engine/workflow';
import type { Clock } from '../trpc.js';
import { claimEntry } from './entry.js';
import { runInterests, wants } from './interest.js';
import type { LiveJourney } from './live.js';
import { liveJourneys } from './live.js';
import type { JourneyRunner } from './runner.js';

export interface RouteDeps {
  db: Db;
  runner: JourneyRunner;
  clock: Clock;
}

export interface RouteOutcome {
  /** Workflow ids started (or re-confirmed, on a retry) by these rows. */
  enrolled: string[];
  skipped: Array<{ journeyId: string; reason: string }>;
  /** Running enrolments that were signalled. */
  signalled: number;
}

export const toCustomerEvent = (row: EventRow): CustomerEvent => ({
  name: row.name,
  at: row.timestamp.getTime(),
  properties: isRecord(row.properties) ? row.properties : {},
});

/**
 * Routes one call's rows: `rows[0]` is the call itself, the rest its "$attribute_changed" rows.
 * `onlyJourneyId` restricts entries to one journey (manual enrolment).
 */
export async function routeRows(
  deps: RouteDeps,
  rows: EventRow[],
  opts: { onlyJourneyId?: string; /** false for Cairn's own entry events ($enrol, $schedule). */ signalRunning?: boolean } = {},
): Promise<RouteOutcome> {
  const { db, runner, clock } = deps;
  const out: RouteOutcome = { enrolled: [], skipped: [], signalled: 0 };
  const main = rows[0];
  if (!main) return out;
  // An enrolment names its journey: routed again later (the sweep, a broadcast's entries), it
  // still enters that journey only, never every journey with a manual trigger.
  if (main.name === MANUAL_ENROL && isRecord(main.properties) && typeof main.properties.journeyId === 'string') {
    opts = { ...opts, onlyJourneyId: main.properties.journeyId, signalRunning: false };
  }
  const customer = await db.customer.findUnique({ where: { id: main.customerId } });
  if (!customer) return out;
  const attributes = isRecord(customer.attributes) ? customer.attributes : {};
  // Memberships travel with the profile: the "is in segment" condition reads them.
  const profile: Profile = { attributes, ...(customer.timeZone ? { timeZone: customer.timeZone } : {}), segments: await segmentsOf(db, customer.id) };
  const live = await liveJourneys(db, opts.onlyJourneyId);
  const history = await loadHistory(db, customer.id, new Set(live.flatMap((j) => j.historyNeeds)));
  const now = clock.now();

  // Attributes before this call (segment triggers fire on the change from not matching to matching).
  const before = { ...attributes };
  for (const child of rows.slice(1)) {
    const p = isRecord(child.properties) ? child.properties : {};
    if (typeof p.attribute === 'string') {
      if (p.from === null || p.from === undefined) delete before[p.attribute];
      else before[p.attribute] = p.from;
    }
  }
  const ids = new Set(rows.map((r) => r.id));
  // Enrolments running before this call: they receive its events (new entries get theirs as input).
  const running =
    opts.signalRunning === false
      ? []
      : await db.enrolment.findMany({ where: { customerId: customer.id, status: { in: ['active', 'waiting'] } }, select: { workflowId: true, versionId: true } });
  const historyBefore = history.rows.filter((r) => !ids.has(r.id)).map(toCustomerEvent);
  const historyAfter = history.rows.map(toCustomerEvent);

  for (const row of rows) {
    const event = toCustomerEvent(row);
    const after: Facts = { attributes, event, history: historyAfter, now };
    const prior: Facts = { attributes: before, event, history: historyBefore, now };
    const enteredHere = new Set<string>();
    for (const journey of live) {
      const trigger = matchingTrigger(journey, row, after, prior);
      if (!trigger) continue;
      const decision = await claimEntry(db, {
        journeyId: journey.journeyId,
        versionId: journey.versionId,
        version: journey.version,
        customerId: customer.id,
        triggerNodeId: trigger.id,
        triggerEventId: row.messageId,
        rules: journey.definition.settings.entry,
        now,
      });
      if (decision.kind === 'skip') {
        out.skipped.push({ journeyId: journey.journeyId, reason: decision.reason });
        continue;
      }
      const e = decision.enrolment;
      const input: JourneyWorkflowInput = {
        v: WORKFLOW_INPUT_VERSION,
        journeyId: journey.journeyId,
        versionId: journey.versionId,
        journey: journey.definition,
        customerId: customer.id,
        entry: e.entry,
        enter: {
          type: 'cairn.enter',
          at: now,
          triggerId: trigger.id,
          profile,
          history: historyAfter.filter((h) => journey.historyNeeds.includes(h.name)),
          event,
        },
        enterEventId: row.messageId,
      };
      await runner.enrol(e.workflowId, input);
      await catchUpStatus(deps, journey.journeyId, e.workflowId);
      enteredHere.add(e.workflowId);
      out.enrolled.push(e.workflowId);
    }
    out.signalled += await signalRunning(deps, running, row, profile, enteredHere);
  }
  await db.event.updateMany({ where: { id: { in: [...ids] } }, data: { processedAt: new Date(now) } });
  return out;
}

/**
 * A pause or stop committed between the entry claim and the workflow start found no workflow to
 * signal: pass it on now, so no run outlives its journey's stop.
 */
async function catchUpStatus(deps: RouteDeps, journeyId: string, workflowId: string): Promise<void> {
  const j = await deps.db.journey.findUnique({ where: { id: journeyId }, select: { status: true } });
  if (j?.status === 'paused') await deps.runner.signal(workflowId, { kind: 'pause' });
  if (j?.status === 'stopped' || j?.status === 'archived') await deps.runner.signal(workflowId, { kind: 'stop', reason: j.status });
}

function matchingTrigger(journey: LiveJourney, row: EventRow, after: Facts, prior: Facts): JourneyNode | undefined {
  for (const node of journey.definition.nodes) {
    const def = definitionOf(node.type);
    if (def.behaviour !== 'trigger') continue;
    if (def.entersOnChange) {
      if (row.type === 'attribute') continue;
      if (def.matchesEvent(node, after.event!, after) && !def.matchesEvent(node, prior.event!, prior)) return node;
      continue;
    }
    if (def.matchesEvent(node, after.event!, after)) return node;
  }
  return undefined;
}

export interface RunningEnrolment {
  workflowId: string;
  versionId: string;
}

/**
 * Identify: the new profile, to every run; anything else: the event itself (runs drop ids they
 * have seen), to the runs whose journey can react to it (interest.ts), all at once.
 */
export async function signalRunning(
  deps: RouteDeps,
  running: RunningEnrolment[],
  row: EventRow,
  profile: Profile | undefined,
  skip: ReadonlySet<string> = new Set(),
): Promise<number> {
  let targets = running.filter((r) => !skip.has(r.workflowId));
  if (row.type !== 'identify' && targets.length) {
    const interests = await runInterests(deps.db, targets.map((t) => t.versionId));
    targets = targets.filter((t) => wants(interests.get(t.versionId) ?? { all: true }, row.name));
  }
  if (row.type === 'identify' && !profile) throw new Error('an identify call is signalled with the profile');
  const results = await Promise.all(
    targets.map((r) =>
      row.type === 'identify'
        ? deps.runner.signal(r.workflowId, { kind: 'profile', profile: profile! })
        : deps.runner.signal(r.workflowId, { kind: 'event', event: toCustomerEvent(row), id: row.messageId }),
    ),
  );
  return results.filter(Boolean).length;
}

async function loadHistory(db: Db, customerId: string, names: Set<string>): Promise<{ rows: EventRow[] }> {
  if (names.size === 0) return { rows: [] };
  const rows = await db.event.findMany({
    where: { customerId, name: { in: [...names] } },
    orderBy: { timestamp: 'desc' },
    take: HISTORY_LIMIT,
  });
  return { rows };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
