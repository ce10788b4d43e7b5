/**
 * Publishing and the journey's run state. Publishing writes an immutable JourneyVersion that new
 * entries use; customers already in the journey keep theirs. Pause, resume, stop and archive reach
 * every running customer as a signal, so they take effect at once.
 */
import type { Db, JourneyRow, JourneyVersionRow } from '@cairn/db';
import { validateForPublish } from '@cairn/core';
import { TRPCError } from '@trpc/server';
import { forgetLiveJourneys } from '../enrol/live.js';
import type { JourneyRunner, RunnerSignal } from '../enrol/runner.js';
import { ProblemsError } from '../trpc.js';
import { loadCatalog } from './catalog.js';
import { asDraftObject, saveDraft, writeDraft } from './drafts.js';

export async function requireJourney(db: Db, id: string): Promise<JourneyRow> {
  const j = await db.journey.findUnique({ where: { id } });
  if (!j) throw new TRPCError({ code: 'NOT_FOUND', message: `no journey "${id}"` });
  return j;
}

/**
 * Publishes a new immutable version: of `draft` when given (stored as the draft in the same
 * transaction: one call, one transaction), else of the stored draft. Refused with every problem
 * when the checks find errors; a given draft is still stored then, so nothing typed is lost.
 */
export async function publish(db: Db, id: string, note: string, publishedBy?: string, draft?: unknown): Promise<JourneyVersionRow> {
  const body = draft === undefined ? undefined : asDraftObject(id, draft);
  const source = body ?? (await requireJourney(db, id)).draft;
  const checked = validateForPublish(source, await loadCatalog(db));
  if (!checked.ok || !checked.journey) {
    if (body) await saveDraft(db, id, body);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    const first = errors[0]?.message ?? 'the journey has problems';
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `cannot publish: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix first (${first})`,
      cause: new ProblemsError('publish refused', checked.problems),
    });
  }
  const definition = checked.journey;
  // Serialise concurrent publishes of one journey on its row; the version number is max + 1.
  const published = await db.$transaction(async (tx) => {
    if (body) await writeDraft(tx, id, body);
    const rows = await tx.$queryRaw<Array<{ status: string }>>`SELECT status FROM "Journey" WHERE id = ${id} FOR UPDATE`;
    const status = rows[0]?.status;
    if (status === undefined) throw new TRPCError({ code: 'NOT_FOUND', message: `no journey "${id}"` });
    if (status === 'archived') throw new TRPCError({ code: 'BAD_REQUEST', message: 'the journey is archived: restore it from the archive before publishing' });
    const last = await tx.journeyVersion.findFirst({ where: { journeyId: id }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const row = await tx.journeyVersion.create({ data: { journeyId: id, version, definition: definition as object, note, ...(publishedBy ? { publishedBy } : {}) } });
    await tx.journey.update({
      where: { id },
      // A paused journey stays paused: publishing a fix should not silently resume it.
      data: { liveVersion: version, status: status === 'paused' ? 'paused' : 'active' },
    });
    return row;
  });
  forgetLiveJourneys(db);
  return published;
}

/** Sends `signal` to every running enrolment of the journey; returns how many were reached. */
export async function signalRunning(db: Db, runner: JourneyRunner, journeyId: string, signal: RunnerSignal): Promise<number> {
  const running = await db.enrolment.findMany({
    where: { journeyId, status: { in: ['active', 'waiting'] } },
    select: { workflowId: true },
  });
  let reached = 0;
  // Small batches: many signals in flight at once, without opening thousands of calls.
  for (let i = 0; i < running.length; i += 50) {
    const batch = running.slice(i, i + 50);
    const results = await Promise.all(batch.map((e) => runner.signal(e.workflowId, signal)));
    reached += results.filter(Boolean).length;
  }
  return reached;
}

/** What each status change sends to the customers inside. */
const SIGNALS: Record<'paused' | 'active' | 'stopped' | 'archived', RunnerSignal> = {
  paused: { kind: 'pause' },
  active: { kind: 'resume' },
  stopped: { kind: 'stop', reason: 'stopped' },
  // Archiving retires the journey: nobody may stay inside a journey no one looks at any more.
  archived: { kind: 'stop', reason: 'archived' },
};

export async function setStatus(
  db: Db,
  runner: JourneyRunner,
  id: string,
  to: 'paused' | 'active' | 'stopped' | 'archived',
): Promise<{ journey: JourneyRow; signalled: number }> {
  const journey = await requireJourney(db, id);
  if (journey.status === 'archived' && to !== 'archived') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'the journey is archived: restore it from the archive first' });
  }
  if (journey.status === 'stopped' && (to === 'active' || to === 'paused')) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'a stopped journey cannot be resumed; publish it again to restart entries' });
  }
  if (to === 'active' && journey.liveVersion === null) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'publish the journey before resuming it' });
  }
  const updated = await db.journey.update({ where: { id }, data: { status: to } });
  forgetLiveJourneys(db);
  const signalled = await signalRunning(db, runner, id, SIGNALS[to]);
  return { journey: updated, signalled };
}

/**
 * Brings an archived journey back to the list: stopped if it was ever published (publishing
 * starts entries again), else a draft. Nobody was inside, so no one is signalled.
 */
export async function unarchive(db: Db, id: string): Promise<JourneyRow> {
  const journey = await requireJourney(db, id);
  if (journey.status !== 'archived') throw new TRPCError({ code: 'BAD_REQUEST', message: `the journey is ${journey.status}, not archived` });
  return db.journey.update({ where: { id }, data: { status: journey.liveVersion === null ? 'draft' : 'stopped' } });
}
