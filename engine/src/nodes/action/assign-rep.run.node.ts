/**
 * Hands the customer to a sales rep (its node: assign-rep.ts): makes the task (routing,
 * due time in the rep's hours, ice-breaker), emails the rep and posts to the team's chat when it
 * has one. The task is keyed by the step's idempotency key, so a retry finds it instead of making
 * another. Facts are gathered here; the choice of rep is the pure `route` (sales/routing.ts).
 */
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { liveIdSql } from '../../customer/live.js';
import { mergeAttributes } from '../../customer/merge-attributes.js';
import { TX_OPTIONS } from '../../delivery/claim.js';
import { candidates, salesNotices, type TaskDetail } from '../../activities/sales-task.js';
import { durationMs } from '@cairn/core/internal/journey/primitives';
import { routingOf } from '@cairn/core/internal/nodes/action/assign-rep';
import { route } from '@cairn/core/internal/sales/routing';
import { dueWithinHours } from '@cairn/core/internal/sales/working-hours';
import { defineBuiltinAction } from '../../actions/contract.js';

/** The run of `action.assignRep`: the task (once per idempotency key), the owner attribute, the notices. */
export const assignRepAction = defineBuiltinAction({
  kind: 'action.assignRep',
  async run(ctx, node) {
    const { db, clock } = ctx.deps;
    const { taskUrl, notify, notifyTeam } = salesNotices(ctx.deps);
    const next = node.waitForOutcome ? 'timeout' : 'next';
    const [profile] = await db.$queryRaw<Array<{ id: string; attributes: unknown }>>`SELECT id, attributes FROM "Customer" WHERE id = ${liveIdSql(ctx.customerId)}`;
    if (!profile) return { output: next, status: 'failed', reason: `unknown customer ${ctx.customerId}` };
    const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
    const scope = renderScope(ctx.customerId, attributes, ctx.event, ctx.journey);
    let text: { title: string; notes: string; iceBreaker: string; iceBreakerSubject: string };
    try {
      text = { title: renderTemplate(node.taskTitle, scope), notes: renderTemplate(node.taskNotes, scope), iceBreaker: renderTemplate(node.iceBreaker, scope), iceBreakerSubject: renderTemplate(node.iceBreakerSubject, scope) };
    } catch (err) {
      return { output: next, status: 'failed', reason: `template error: ${(err as Error).message}` };
    }
    const now = Math.max(clock.now(), ctx.at ?? 0);
    const made = await db.$transaction(async (tx) => {
      const existing = await tx.salesTask.findUnique({ where: { idempotencyKey: ctx.idempotencyKey } });
      if (existing) return { task: existing, rep: existing.repUserId ? await tx.user.findUnique({ where: { id: existing.repUserId } }) : null, lead: null, fresh: false };
      // One routing at a time, so two tasks routed together see each other's load.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cairn-sales-routing'))`;
      const reps = await candidates(tx);
      const team = node.team ? await tx.salesTeam.findUnique({ where: { name: node.team } }) : null;
      const decision = route({ strategy: routingOf(node), reps, team: team ?? undefined, customer: attributes, named: node.rep });
      const rep = decision.rep ? reps.find((r) => r.userId === decision.rep?.userId) : undefined;
      const dueAt = dueWithinHours(now, durationMs(node.dueIn), rep?.hours);
      const enrolment = await tx.enrolment.findUnique({ where: { workflowId: ctx.workflowId }, select: { versionId: true } });
      const task = await tx.salesTask.create({
        data: {
          idempotencyKey: ctx.idempotencyKey, customerId: profile.id, journeyId: ctx.journey.id, versionId: enrolment?.versionId ?? null,
          nodeId: node.id, workflowId: ctx.workflowId, teamId: team?.id ?? rep?.teamId ?? null, repUserId: rep?.userId ?? null,
          title: text.title, notes: text.notes, iceBreaker: text.iceBreaker, iceBreakerSubject: text.iceBreakerSubject, priority: node.priority, waits: node.waitForOutcome,
          dueAt: new Date(dueAt), timeoutAt: node.waitForOutcome ? new Date(dueAt + durationMs(node.timeoutAfter)) : null,
          routeReason: decision.reason, createdAt: new Date(now),
          logs: { create: { kind: 'assigned', userId: rep?.userId ?? null, note: decision.reason, at: new Date(now) } },
        },
      });
      if (rep) await tx.salesRep.update({ where: { userId: rep.userId }, data: { lastAssignedAt: new Date(now) } });
      await mergeAttributes(tx, profile.id, { owner: rep?.email ?? `team:${node.team ?? 'default'}` });
      // Nobody could take it: the team lead hears of it (when there is one with an account).
      const lead = !rep && team?.leadUserId ? await tx.user.findUnique({ where: { id: team.leadUserId }, select: { email: true } }) : null;
      return { task, rep: rep ? { email: rep.email } : null, lead, fresh: true };
    }, TX_OPTIONS);
    const { task } = made;
    const owner = made.rep?.email ?? `team:${node.team ?? 'default'}`;
    if (made.fresh && made.rep) {
      await notify(task.id, `${ctx.idempotencyKey}:notify`, made.rep.email, `New task: ${task.title}`,
        `${task.title}\nPriority: ${task.priority}\nDue: ${task.dueAt.toISOString()}\n\nSuggested opening message:\n${task.iceBreaker}\n\nOpen it in Cairn: ${await taskUrl(task.id)}\n`);
    }
    if (made.fresh && made.lead) {
      await notify(task.id, `${ctx.idempotencyKey}:unassigned`, made.lead.email, `Unassigned task: ${task.title}`,
        `Nobody in the team could take this task: ${task.routeReason}\n\nOpen it in Cairn: ${await taskUrl(task.id)}\n`);
    }
    if (made.fresh) {
      await notifyTeam(task.id, task.teamId, `${ctx.idempotencyKey}:team-chat`, made.rep
        ? `New ${task.priority} task for ${made.rep.email}: ${task.title} (due ${task.dueAt.toISOString()}). Open it in Cairn: ${await taskUrl(task.id)}`
        : `Unassigned task: ${task.title}. ${task.routeReason}. Open it in Cairn: ${await taskUrl(task.id)}`);
    }
    const detail: TaskDetail = {
      id: task.id, title: task.title, rep: made.rep?.email ?? null, owner, priority: task.priority, due: task.dueAt.toISOString(),
      timeoutAt: task.timeoutAt?.getTime() ?? null, waits: task.waits, escalate: node.escalate,
    };
    return {
      output: next,
      status: 'done',
      reason: `task "${task.title}" for ${owner}, due ${detail.due}: ${task.routeReason}`,
      attributes: { owner },
      detail: { task: detail },
    };
  },
});
