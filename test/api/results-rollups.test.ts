/**
 * The results roll-ups (ResultsEnrolmentDay, ResultsConversionDay, ResultsMessageDay,
 * ResultsNodeStep, kept by triggers) give exactly the answers of the plain grouped queries they
 * replaced (support/results-raw.ts), on random data written the ways Cairn writes it: rows one
 * by one and in bulk, status and receipt updates, steps repeated in loops, conversions recorded
 * before and after later steps, two versions, messages without a node or an enrolment, and days
 * spread over four months so the ranges cut through them. Real embedded PostgreSQL, no stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@cairn/db';
import { publish } from '../../api/src/journeys/lifecycle.js';
import { channelResults } from '../../api/src/results/channels.js';
import { experimentResults } from '../../api/src/results/experiments.js';
import { journeyResults } from '../../api/src/results/journey.js';
import { nodeResults } from '../../api/src/results/nodes.js';
import { observeConversions, pruneObserveQueue } from '../../api/src/results/observe.js';
import { resultsOverview } from '../../api/src/results/overview.js';
import { resolveRange, type ResolvedRange } from '../../api/src/results/range.js';
import { dailySeries } from '../../api/src/results/series.js';
import { startTestDb, type TestDb } from '../engine/support/db.js';
import { fullObservation, rawChannelResults, rawDailySeries, rawExperimentResults, rawJourneyResults, rawNodeResults, rawResultsOverview } from './support/results-raw.js';
import { splitJourney } from './support/split.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T15:00:00Z');
const JOURNEYS = ['ru-1', 'ru-2'];
const NODES = ['signed-up', 'split', 'mail-a', 'wait-a', 'mail-b'];
const OUTPUTS = ['a', 'b', 'holdout', null];
const CHANNELS = ['email', 'sms', 'push'];
const STATUSES = ['claimed', 'sent', 'suppressed', 'capped', 'deferred', 'no_address', 'failed'] as const;
const ENDS = [
  ['completed', 'goal'],
  ['completed', 'end-of-path'],
  ['exited', 'holdout'],
  ['exited', 'exit-event'],
  ['exited', null],
] as const;

let pg: TestDb;
let db: Db;

/** A small seeded generator (mulberry32): the same data on every run, failures reproducible. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

beforeAll(async () => {
  pg = await startTestDb({ poolSize: 4 });
  db = pg.db;
  for (const id of JOURNEYS) {
    await publish(db, id, 'v1', undefined, splitJourney(id, `Roll-up ${id}`));
    await publish(db, id, 'v2', undefined, { ...splitJourney(id, `Roll-up ${id}`), settings: { goal: { windowDays: 3 } } });
  }
  const r = random(11);
  const versions = await db.journeyVersion.findMany({ select: { id: true, journeyId: true, version: true } });
  await db.customer.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ id: `rc${i}` })) });
  let message = 0;
  // 300 enrolments: 2/3 in one bulk insert, the rest one by one, each with its steps and messages.
  const enrolments = Array.from({ length: 300 }, (_, i) => {
    const v = r.pick(versions);
    const enteredAt = new Date(NOW - r.int(120) * DAY - r.int(DAY));
    return { id: `re${i}`, journeyId: v.journeyId, versionId: v.id, version: v.version, customerId: `rc${i % 40}`, entry: i, workflowId: `rwf${i}`, enteredAt };
  });
  await db.enrolment.createMany({ data: enrolments.slice(0, 200) });
  for (const e of enrolments.slice(200)) await db.enrolment.create({ data: e });
  for (const e of enrolments) {
    const steps = Array.from({ length: 1 + r.int(7) }, (_, seq) => {
      const kind = r.pick(['entered', 'left', 'left', 'exited'] as const);
      return { enrolmentId: e.id, journeyId: e.journeyId, seq, nodeId: r.pick(NODES), kind, output: kind === 'left' ? r.pick(OUTPUTS) : null, at: new Date(e.enteredAt.getTime() + seq * 1000) };
    });
    // Some steps now, the rest after a conversion may have been recorded.
    const cut = r.int(steps.length + 1);
    await db.nodeEvent.createMany({ data: steps.slice(0, cut) });
    const messages = Array.from({ length: r.int(4) }, () => {
      const id = `rm${message++}`;
      const createdAt = new Date(e.enteredAt.getTime() + r.int(3 * DAY));
      return { id, idempotencyKey: id, customerId: e.customerId, journeyId: e.journeyId, enrolmentId: r.next() < 0.95 ? e.id : null, nodeId: r.next() < 0.9 ? r.pick(NODES) : null, channel: r.pick(CHANNELS), status: 'claimed' as const, createdAt };
    });
    await db.message.createMany({ data: messages });
    // Claimed messages settle: a status, sometimes a delivery receipt afterwards.
    for (const m of messages) {
      if (r.next() < 0.1) continue;
      await db.message.update({ where: { id: m.id }, data: { status: r.pick(STATUSES.slice(1)) } });
      if (r.next() < 0.4) await db.message.update({ where: { id: m.id }, data: { receipt: r.pick(['delivered', 'failed']) } });
    }
    if (r.next() < 0.7) {
      const [status, exitReason] = r.pick(ENDS);
      await db.enrolment.update({ where: { id: e.id }, data: { status, exitReason, endedAt: new Date(e.enteredAt.getTime() + DAY) } });
    } else if (r.next() < 0.5) {
      await db.enrolment.update({ where: { id: e.id }, data: { status: 'waiting' } });
    }
    if (r.next() < 0.35) {
      const seconds = r.pick([60, 120, 3600, 86_400, 7 * 86_400]);
      await db.conversion.create({
        data: { enrolmentId: e.id, journeyId: e.journeyId, versionId: e.versionId, version: e.version, customerId: e.customerId, source: 'goal-node', convertedAt: new Date(e.enteredAt.getTime() + seconds * 1000), secondsToConvert: seconds },
      });
    }
    await db.nodeEvent.createMany({ data: steps.slice(cut) });
  }
  // A message of a journey outside any enrolment (a broadcast-like send).
  await db.message.create({ data: { id: 'rm-free', idempotencyKey: 'rm-free', customerId: 'rc1', journeyId: 'ru-1', channel: 'email', status: 'sent', createdAt: new Date(NOW - DAY) } });
}, 120_000);

afterAll(async () => {
  await pg?.stop();
});

const ranges: ResolvedRange[] = [
  resolveRange({ days: 7 }, NOW),
  resolveRange({ days: 30 }, NOW),
  resolveRange({ days: 90 }, NOW),
  resolveRange({ from: '2026-08-01', to: '2026-11-30' }, NOW),
  resolveRange({ from: '2026-10-03', to: '2026-10-03' }, NOW),
];

describe('results roll-ups', () => {
  it('answer exactly as the plain queries: headline, channels, daily series, per node, per version', async () => {
    for (const journeyId of JOURNEYS) {
      for (const version of [undefined, 1, 2]) {
        expect(await nodeResults(db, journeyId, version)).toEqual(await rawNodeResults(db, journeyId, version));
        for (const range of ranges) {
          const label = `${journeyId} v${version ?? '*'} ${range.from}..${range.to}`;
          expect(await journeyResults(db, journeyId, range, version), label).toEqual(await rawJourneyResults(db, journeyId, range, version));
          expect(await channelResults(db, journeyId, range, version), label).toEqual(await rawChannelResults(db, journeyId, range, version));
          expect(await dailySeries(db, journeyId, range, version), label).toEqual(await rawDailySeries(db, journeyId, range, version));
          expect(await experimentResults(db, journeyId, range, version), label).toEqual(await rawExperimentResults(db, journeyId, range, version));
        }
      }
    }
    // The data is not trivial: conversions with different times, failures, loops, receipts.
    const all = await rawJourneyResults(db, 'ru-1', ranges[3]!);
    expect(all.converted).toBeGreaterThan(10);
    expect(Object.keys(all.exited).length).toBeGreaterThan(2);
    expect((await rawChannelResults(db, 'ru-1', ranges[3]!)).some((c) => c.failed > 0 && c.delivered !== null)).toBe(true);
    // Arms with conversions inside and outside both windows (7 days in v1, 3 in v2).
    const arms = (await rawExperimentResults(db, 'ru-1', ranges[3]!))[0]!.arms;
    expect(arms.filter((a) => a.converted > 0 && a.converted < a.customers).length).toBe(3);
  }, 120_000);

  it('give the overview the same entered, converted, sent and failed per journey', async () => {
    for (const range of ranges) {
      const overview = await resultsOverview(db, range, NOW);
      for (const journeyId of JOURNEYS) {
        const row = overview.journeys.find((j) => j.journeyId === journeyId)!;
        const raw = await rawJourneyResults(db, journeyId, range);
        const channels = await rawChannelResults(db, journeyId, range);
        expect({ entered: row.entered, converted: row.converted, sent: row.sent, failed: row.failed }).toEqual({
          entered: raw.entered,
          converted: raw.converted,
          sent: channels.reduce((a, c) => a + c.sent, 0),
          failed: channels.reduce((a, c) => a + c.failed, 0),
        });
      }
      // The holdout lift from the arms roll-up and the customers reached per channel (in total and
      // per lifecycle stage) from the reach roll-up, as grouped from the steps and the messages.
      const raw = await rawResultsOverview(db, range, NOW);
      expect(overview.journeys.map((j) => [j.journeyId, j.lift])).toEqual(raw.journeys.map((j) => [j.journeyId, j.lift]));
      expect(overview.channels, `${range.from}..${range.to}`).toEqual(raw.channels);
      expect(overview.stages).toEqual(raw.stages);
    }
  }, 120_000);
});

describe('customers reached per channel', () => {
  it('count each enrolment once for ranges starting and ending on every day', async () => {
    // Short ranges cut between an enrolment's days with messages on a channel (up to 3 days apart).
    for (let start = 125; start >= 0; start -= 1) {
      const from = new Date(NOW - start * DAY).toISOString().slice(0, 10);
      const to = new Date(NOW - Math.max(0, start - 1 - (start % 3)) * DAY).toISOString().slice(0, 10);
      const range = resolveRange({ from, to }, NOW);
      const [overview, raw] = [await resultsOverview(db, range, NOW), await rawResultsOverview(db, range, NOW)];
      expect({ channels: overview.channels, stages: overview.stages }, `${from}..${to}`).toEqual({ channels: raw.channels, stages: raw.stages });
    }
    // 126 ranges, each read twice: past vitest's 5 s default on a loaded machine.
  }, 120_000);
});

describe('observing goal events incrementally', () => {
  it('finds after each change exactly what a full pass over every open enrolment would', async () => {
    const r = random(23);
    const full = (journeyId: string) => fullObservation(db, journeyId, NOW);
    for (const journeyId of JOURNEYS) await observeConversions(db, journeyId, NOW);
    let event = 0;
    const open = () =>
      db.enrolment.findMany({ where: { conversion: null, journeyId: { in: JOURNEYS } }, select: { id: true, customerId: true, enteredAt: true, endedAt: true, status: true } });
    let found = 0;
    for (let round = 0; round < 4; round++) {
      const candidates = await open();
      // Goal events for a few customers, some inside an ended enrolment's window, some not.
      for (const e of candidates.filter(() => r.next() < 0.15)) {
        const id = `rev${event++}`;
        const at = new Date(e.enteredAt.getTime() + r.int(12 * DAY));
        await db.event.create({ data: { id, messageId: id, customerId: e.customerId, type: 'track', name: 'Order Completed', timestamp: at } });
      }
      // Messages sent, settled or failed after conversions were recorded, some on days already counted.
      for (const e of candidates.filter(() => r.next() < 0.1)) {
        const id = `rm-late${event++}`;
        await db.message.create({ data: { id, idempotencyKey: id, customerId: e.customerId, journeyId: JOURNEYS[0]!, enrolmentId: e.id, channel: r.pick(CHANNELS), status: 'sent', createdAt: new Date(e.enteredAt.getTime() + r.int(3 * DAY)) } });
      }
      const converted = await db.conversion.findMany({ take: 20, skip: r.int(40), select: { enrolmentId: true, journeyId: true, customerId: true, convertedAt: true } });
      for (const c of converted.filter(() => r.next() < 0.5)) {
        const id = `rm-late${event++}`;
        await db.message.create({ data: { id, idempotencyKey: id, customerId: c.customerId, journeyId: c.journeyId, enrolmentId: c.enrolmentId, channel: r.pick(CHANNELS), status: 'claimed', createdAt: new Date(c.convertedAt.getTime() - r.int(5 * DAY)) } });
        await db.message.update({ where: { id }, data: { status: r.pick(['sent', 'sent', 'failed'] as const) } });
        if (r.next() < 0.3) await db.message.update({ where: { id }, data: { status: 'failed' } });
      }
      // Running enrolments end: events they already had may now count.
      for (const e of candidates.filter((c) => c.endedAt === null && r.next() < 0.5)) {
        await db.enrolment.update({ where: { id: e.id }, data: { status: 'completed', exitReason: 'completed', endedAt: new Date(e.enteredAt.getTime() + 2 * DAY) } });
      }
      const before = await db.conversion.count();
      const incremental: number[] = [];
      for (const journeyId of JOURNEYS) incremental.push(await observeConversions(db, journeyId, NOW));
      found += incremental.reduce((a, b) => a + b, 0);
      expect(await db.conversion.count()).toBe(before + incremental.reduce((a, b) => a + b, 0));
      for (const journeyId of JOURNEYS) expect(await full(journeyId), `round ${round} ${journeyId}`).toBe(0);
    }
    expect(found).toBeGreaterThan(5);
    // Conversions observed since: the roll-ups still answer as the plain queries.
    for (const journeyId of JOURNEYS) {
      expect(await experimentResults(db, journeyId, ranges[3]!), journeyId).toEqual(await rawExperimentResults(db, journeyId, ranges[3]!));
      expect(await nodeResults(db, journeyId)).toEqual(await rawNodeResults(db, journeyId));
    }
    for (const range of ranges) {
      const [overview, raw] = [await resultsOverview(db, range, NOW), await rawResultsOverview(db, range, NOW)];
      expect({ channels: overview.channels, stages: overview.stages, lift: overview.journeys.map((j) => j.lift) }, `${range.from}..${range.to}`).toEqual({
        channels: raw.channels,
        stages: raw.stages,
        lift: raw.journeys.map((j) => j.lift),
      });
    }
    // The sweep prunes the queue to what the oldest mark still needs; a mark unused for a day goes,
    // and that journey's next observation reads every open enrolment again.
    const queued = async () => (await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "ResultsObserveQueue"`)[0]!.n;
    const id = `rev${event++}`;
    const customer = (await open())[0]!.customerId;
    await db.event.create({ data: { id, messageId: id, customerId: customer, type: 'track', name: 'Page Viewed', timestamp: new Date(NOW) } });
    expect(await queued()).toBeGreaterThan(0);
    await pruneObserveQueue(db);
    expect(await queued()).toBe(1);
    await db.$executeRaw`UPDATE "ResultsObserveMark" SET "observedAt" = now() - interval '25 hours' WHERE "journeyId" = ${JOURNEYS[0]!}`;
    await pruneObserveQueue(db);
    expect(await queued()).toBe(1);
    await db.$executeRaw`UPDATE "ResultsObserveMark" SET "observedAt" = now() - interval '25 hours'`;
    await pruneObserveQueue(db);
    expect(await queued()).toBe(0);
    expect(await db.$queryRaw`SELECT "journeyId" FROM "ResultsObserveMark"`).toEqual([]);
    expect(await observeConversions(db, JOURNEYS[0]!, NOW)).toBe(0);
    expect((await db.$queryRaw<Array<{ complete: boolean }>>`SELECT complete FROM "ResultsObserveMark"`).map((m) => m.complete)).toEqual([true]);
  }, 120_000);
});
