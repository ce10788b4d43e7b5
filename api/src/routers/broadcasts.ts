/**
 * tRPC: broadcasts — a one-off message to an audience, now, at a time, or at the same local time
 * in each customer's zone, at a rate; sent by one Temporal workflow per broadcast through the
 * delivery policy (engine/src/workflow/broadcast-workflow.ts). Pause, resume and cancel are
 * signals; the workflow writes the status and progress, the results are its messages.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { BroadcastControl } from '@cairn/engine/workflow';
import { authedProcedure, router, type ApiContext } from '../trpc.js';
import { line } from '../validation/text.js';
import { BroadcastInput } from '../broadcasts/input.js';
import { broadcastResults } from '../broadcasts/results.js';
import { audienceSize } from '../broadcasts/audience-size.js';
import { broadcastEntries } from '../enrol/broadcast-entries.js';
import { liveJourneys, type LiveJourney } from '../enrol/live.js';
import { Audience } from '@cairn/core';

const ById = z.object({ id: line({ min: 1, max: 200 }) });

function runnerOf(ctx: ApiContext) {
  const r = ctx.runner.broadcasts;
  if (!r) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'broadcasts need the Temporal runner, which this server was started without' });
  return r;
}

async function found(ctx: ApiContext, id: string) {
  const b = await ctx.db.broadcast.findUnique({ where: { id } });
  if (!b) throw new TRPCError({ code: 'NOT_FOUND', message: `no broadcast "${id}"` });
  return b;
}

/** Pause, resume or cancel: a signal to the running workflow (it writes the new status). */
const control = (what: BroadcastControl) =>
  authedProcedure.input(ById).mutation(async ({ ctx, input }) => {
    const b = await found(ctx, input.id);
    if (b.status === 'draft' && what === 'cancel') return ctx.db.broadcast.update({ where: { id: b.id }, data: { status: 'cancelled', finishedAt: new Date(ctx.clock.now()) } });
    if (!['scheduled', 'sending', 'paused'].includes(b.status)) {
      throw new TRPCError({ code: 'CONFLICT', message: `the broadcast is ${b.status}: only a scheduled, sending or paused broadcast can be ${what === 'cancel' ? 'cancelled' : what === 'pause' ? 'paused' : 'resumed'}` });
    }
    await runnerOf(ctx).control(b.id, what);
    return b;
  });

const hasManualTrigger = (j: LiveJourney) => j.definition.nodes.some((n) => n.type === 'trigger.manual');

/** A journey broadcast needs the journey live, with a trigger that takes customers by hand. */
async function requireManualJourney(ctx: ApiContext, journeyId: string): Promise<void> {
  const j = await ctx.db.journey.findUnique({ where: { id: journeyId }, select: { name: true, status: true } });
  if (!j) throw new TRPCError({ code: 'BAD_REQUEST', message: `no journey "${journeyId}"` });
  const [live] = await liveJourneys(ctx.db, journeyId);
  if (!live) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${j.name}" is ${j.status}: publish it before a broadcast enrols into it` });
  if (!hasManualTrigger(live)) throw new TRPCError({ code: 'BAD_REQUEST', message: `"${j.name}" has no "Enrolled by API or by hand" trigger: add one to enrol a broadcast's audience` });
}

export const broadcastsRouter = router({
  /** The latest broadcasts, newest first, with their results. */
  list: authedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.broadcast.findMany({ orderBy: { createdAt: 'desc' }, take: 100 });
    return Promise.all(rows.map(async (b) => ({ ...b, results: await broadcastResults(ctx.db, b.id), entries: b.journeyId ? await broadcastEntries(ctx, b.id) : null })));
  }),

  /** One broadcast: status, progress (processed of total), results. */
  get: authedProcedure.input(ById).query(async ({ ctx, input }) => {
    const b = await found(ctx, input.id);
    return { ...b, results: await broadcastResults(ctx.db, b.id), entries: b.journeyId ? await broadcastEntries(ctx, b.id) : null };
  }),

  /** Journeys a broadcast can enrol into: live, with a manual trigger. */
  journeys: authedProcedure.query(async ({ ctx }) => (await liveJourneys(ctx.db)).filter(hasManualTrigger).map((j) => ({ id: j.journeyId, name: j.name }))),

  /** How many customers an audience reaches now, and a few of them (nothing saved): the form's live count. */
  audienceSize: authedProcedure.input(z.object({ audience: Audience })).query(({ ctx, input }) => audienceSize(ctx.db, input.audience, ctx.clock.now())),

  /** A draft broadcast (nothing is sent until `send`). */
  create: authedProcedure.input(BroadcastInput).mutation(async ({ ctx, input }) => {
    if (input.audience.kind === 'segment' && !(await ctx.db.segment.findUnique({ where: { id: input.audience.segmentId }, select: { id: true } }))) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `no saved segment "${input.audience.segmentId}": choose one from the segments page` });
    }
    if (input.journeyId) await requireManualJourney(ctx, input.journeyId);
    const t = input.timing;
    if (t.mode === 'at' && t.at < ctx.clock.now() - 60_000) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the send time is in the past: choose a later time, or send now' });
    return ctx.db.broadcast.create({
      data: {
        name: input.name,
        ...(input.message ? { message: input.message as object } : {}),
        ...(input.journeyId ? { journeyId: input.journeyId } : {}),
        audience: input.audience as object,
        timing: t.mode,
        ...(t.mode === 'at' ? { sendAt: new Date(t.at) } : {}),
        ...(t.mode === 'local' ? { localDate: t.date, localTime: t.time, timeZone: t.timeZone } : {}),
        ratePerSecond: input.ratePerSecond,
        createdBy: ctx.user.email,
      },
    });
  }),

  /** Sends (or schedules) a draft: starts its workflow. */
  send: authedProcedure.input(ById).mutation(async ({ ctx, input }) => {
    const b = await found(ctx, input.id);
    if (b.status !== 'draft') throw new TRPCError({ code: 'CONFLICT', message: `the broadcast is ${b.status}: it was sent already` });
    const runner = runnerOf(ctx);
    // Claimed before the start, so two clicks start one workflow (the id is the broadcast's too).
    const claimed = await ctx.db.broadcast.updateMany({ where: { id: b.id, status: 'draft' }, data: { status: b.timing === 'now' ? 'sending' : 'scheduled' } });
    if (claimed.count === 0) throw new TRPCError({ code: 'CONFLICT', message: 'the broadcast was sent already' });
    try {
      const workflowId = await runner.start(b.id);
      return ctx.db.broadcast.update({ where: { id: b.id }, data: { workflowId } });
    } catch (err) {
      await ctx.db.broadcast.update({ where: { id: b.id }, data: { status: 'draft', error: `could not start: ${(err as Error).message}` } });
      throw err;
    }
  }),

  pause: control('pause'),
  resume: control('resume'),
  cancel: control('cancel'),
});
