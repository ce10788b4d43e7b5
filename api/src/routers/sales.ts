/**
 * tRPC: the sales handoff (docs/sales-handoff.md). Reps work their tasks (a rep sees their own,
 * an admin all of them): inbox, task page, log a call, send the ice-breaker through the delivery
 * policy, record the outcome (which a waiting journey receives). Admins manage teams and reps.
 */
import { ChatApp } from '@cairn/core';
import { TASK_OUTCOMES } from '@cairn/engine/sales';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc.js';
import { figuresScope, taskFor } from '../sales/access.js';
import { CONTACT_CHANNELS, doNotContact, sendAsRep } from '../sales/contact.js';
import { salesFigures } from '../sales/figures.js';
import { inbox } from '../sales/inbox.js';
import { recordOutcome, timedOut } from '../sales/outcome.js';
import { listReps, saveRep, saveTeam, setAway, RepInput, TeamInput } from '../sales/reps.js';
import { line, text } from '../validation/text.js';

const TaskId = z.object({ id: line({ min: 1, max: 100 }) });

export const salesRouter = router({
  /** My open tasks: overdue, due today (in my time zone) and upcoming. Admins see everyone's unless scope is 'mine'. */
  inbox: authedProcedure
    .input(z.object({ scope: z.enum(['mine', 'all']).optional() }).default({}))
    .query(({ ctx, input }) => inbox(ctx.db, ctx.user, input, ctx.clock.now())),

  /** One task with what the rep needs: the customer, their timeline, journeys, past messages, and whether they may be contacted. */
  task: authedProcedure.input(TaskId).query(async ({ ctx, input }) => {
    const task = await taskFor(ctx.db, ctx.user, input.id);
    const [logs, rep, journey, customer, events, enrolments, messages, dnc] = await Promise.all([
      ctx.db.salesTaskLog.findMany({ where: { taskId: task.id }, orderBy: { id: 'asc' } }),
      task.repUserId ? ctx.db.user.findUnique({ where: { id: task.repUserId }, select: { email: true, name: true } }) : null,
      ctx.db.journey.findUnique({ where: { id: task.journeyId }, select: { id: true, name: true } }),
      ctx.db.customer.findUnique({ where: { id: task.customerId }, select: { id: true, email: true, phone: true, chatId: true, attributes: true, timeZone: true } }),
      ctx.db.event.findMany({ where: { customerId: task.customerId }, orderBy: { timestamp: 'desc' }, take: 50, select: { id: true, name: true, timestamp: true } }),
      ctx.db.enrolment.findMany({ where: { customerId: task.customerId }, orderBy: { enteredAt: 'desc' }, take: 50, include: { journey: { select: { name: true } } } }),
      ctx.db.message.findMany({ where: { customerId: task.customerId }, orderBy: { createdAt: 'desc' }, take: 50, select: { id: true, channel: true, status: true, reason: true, createdAt: true, content: true, journeyId: true } }),
      doNotContact(ctx.db, task.customerId),
    ]);
    return {
      task, journeyMovedOn: timedOut(task, ctx.clock.now()), logs: logs.map((l) => ({ ...l, id: String(l.id) })), rep, journey, customer, doNotContact: dnc,
      events, journeys: enrolments.map((e) => ({ id: e.id, journeyId: e.journeyId, name: e.journey.name, status: e.status, currentNodeId: e.currentNodeId, enteredAt: e.enteredAt })),
      messages: messages.map((m) => {
        const content = (m.content ?? {}) as Record<string, string>;
        return { id: m.id, channel: m.channel, status: m.status, reason: m.reason, createdAt: m.createdAt, subject: content.subject ?? '', body: content.body ?? '' };
      }),
    };
  }),

  /** A call the rep made (refused when the customer refused all contact). */
  logCall: authedProcedure.input(TaskId.extend({ note: text({ max: 5000 }).default('') })).mutation(async ({ ctx, input }) => {
    const task = await taskFor(ctx.db, ctx.user, input.id);
    const dnc = await doNotContact(ctx.db, task.customerId);
    if (dnc.all) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `do not contact: ${dnc.reasons.join('; ')}` });
    const at = new Date(ctx.clock.now());
    await ctx.db.$transaction([
      ctx.db.salesTaskLog.create({ data: { taskId: task.id, kind: 'call', userId: ctx.user.id, note: input.note, at } }),
      ctx.db.salesTask.updateMany({ where: { id: task.id, firstContactAt: null }, data: { firstContactAt: at } }),
    ]);
    return { ok: true };
  }),

  /** Sends the ice-breaker (or the rep's edit of it) by email, SMS or chat (with its app), through the delivery policy. */
  send: authedProcedure
    .input(TaskId.extend({ channel: z.enum(CONTACT_CHANNELS), app: ChatApp.optional(), subject: line({ max: 300 }).optional(), body: text({ max: 5000 }).optional() }))
    .mutation(async ({ ctx, input }) => {
      const task = await taskFor(ctx.db, ctx.user, input.id);
      if (!ctx.channels) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'no channels are configured on this server' });
      const channels = ctx.channels;
      const journey = await ctx.db.journey.findUnique({ where: { id: task.journeyId }, select: { name: true } });
      const sent = await sendAsRep(
        { db: ctx.db, providers: () => channels.providers(), now: ctx.clock.now() },
        { task, journeyName: journey?.name ?? task.journeyId, channel: input.channel, app: input.app, subject: input.subject ?? task.iceBreakerSubject, body: input.body ?? task.iceBreaker },
      );
      const at = new Date(ctx.clock.now());
      await ctx.db.$transaction([
        ctx.db.salesTaskLog.create({ data: { taskId: task.id, kind: 'message', userId: ctx.user.id, note: `${input.channel}${input.app && input.channel === 'chat' ? ` (${input.app})` : ''}${sent.replayed ? ' (already sent)' : ''}`, at } }),
        ctx.db.salesTask.updateMany({ where: { id: task.id, firstContactAt: null }, data: { firstContactAt: at } }),
      ]);
      return { status: sent.status, messageId: sent.messageId ?? null, replayed: sent.replayed ?? false };
    }),

  /**
   * The rep's outcome (sales/outcome.ts): closes the task, or with call_back reschedules it, and
   * tells a waiting journey; after the journey timed out the outcome is kept on the task only.
   */
  recordOutcome: authedProcedure
    .input(TaskId.extend({ outcome: z.enum(TASK_OUTCOMES), callBackAt: z.iso.datetime().optional(), note: text({ max: 5000 }).default('') }))
    .mutation(async ({ ctx, input }) => {
      const task = await taskFor(ctx.db, ctx.user, input.id);
      return recordOutcome(
        { db: ctx.db, runner: ctx.runner, now: ctx.clock.now(), userId: ctx.user.id },
        task,
        { outcome: input.outcome, callBackAt: input.callBackAt ? new Date(input.callBackAt) : null, note: input.note },
      );
    }),

  /** Time to first contact, overdue tasks and outcome rates per rep and team: all for admins, a lead's teams, a rep's own; FORBIDDEN for others. */
  figures: authedProcedure
    .input(z.object({ days: z.number().int().min(1).max(3650).optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const scope = await figuresScope(ctx.db, ctx.user);
      return salesFigures(ctx.db, { scope, since: input.days ? new Date(ctx.clock.now() - input.days * 86_400_000) : undefined }, ctx.clock.now());
    }),

  /** Teams and reps (admins). */
  reps: adminProcedure.query(({ ctx }) => listReps(ctx.db)),
  saveTeam: adminProcedure.input(TeamInput).mutation(({ ctx, input }) => saveTeam(ctx.db, input)),
  /** Gives a user the sales role (or updates it): team, hours, capacity, availability, territory. */
  saveRep: adminProcedure.input(RepInput).mutation(({ ctx, input }) => saveRep(ctx.db, input)),
  /** A rep marks themselves away or back (an admin may for anyone, by email). */
  setAway: authedProcedure.input(z.object({ away: z.boolean(), email: line({ max: 320 }).optional() })).mutation(({ ctx, input }) => setAway(ctx.db, ctx.user, input)),
});
