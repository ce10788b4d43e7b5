/**
 * The sales handoff's activities: `assignRep` makes the task (routing, due time in the rep's
 * hours, ice-breaker), emails the rep and posts to the team's chat when it has one; `escalateSalesTask` runs when a waiting journey's task
 * times out. Facts are gathered here; the choice of rep is the pure `route` (sales/routing.ts).
 */
import type { Db } from '@cairn/db';
import type { LinkConfig } from '../policy/links.node.js';
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { mergeAttributes } from '../customer/merge-attributes.js';
import { liveIdSql } from '../customer/live.js';
import { TX_OPTIONS } from '../delivery/claim.js';
import { postToTeamChat } from './team-chat.js';
import type { ProviderSource } from '../delivery/provider.js';
import { durationMs } from '@cairn/core/internal/journey/primitives';
import { routingOf } from '@cairn/core/internal/nodes/action/assign-rep';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import { route, type RepCandidate } from '@cairn/core/internal/sales/routing';
import { dueWithinHours } from '@cairn/core/internal/sales/working-hours';
import type { AssignRepInput } from './types.js';

/** What the assign step hands the workflow (EffectOutcome.detail.task). */
export interface TaskDetail {
  id: string;
  title: string;
  rep: string | null;
  /** The `owner` attribute written: the rep's email, or team:<name> while unassigned. */
  owner: string;
  priority: string;
  due: string;
  /** Epoch ms: when a waiting journey takes `timeout`. */
  timeoutAt: number | null;
  waits: boolean;
  escalate: boolean;
}

export interface EscalateInput {
  taskId: string;
  at?: number;
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Every rep with their open tasks, for `route`. */
async function candidates(tx: Tx): Promise<Array<RepCandidate & { hours: { timeZone: string; workStart: string; workEnd: string; workDays: number[] } }>> {
  const reps = await tx.salesRep.findMany({ include: { user: true } });
  const open = await tx.salesTask.groupBy({ by: ['repUserId'], where: { status: { in: ['open', 'escalated'] }, repUserId: { not: null } }, _count: true });
  const count = new Map(open.map((o) => [o.repUserId, o._count]));
  return reps.map((r) => ({
    userId: r.userId, email: r.user.email, name: r.user.name, teamId: r.teamId, away: r.away, capacity: r.capacity,
    openTasks: count.get(r.userId) ?? 0, lastAssignedAt: r.lastAssignedAt?.getTime() ?? null,
    territory: (r.territory ?? {}) as Record<string, string[]>,
    hours: { timeZone: r.timeZone, workStart: r.workStart, workEnd: r.workEnd, workDays: r.workDays },
  }));
}

export function salesTaskActivities(deps: { db: Db; providers: ProviderSource; clock: { now(): number }; links?: () => Promise<LinkConfig> }) {
  const { db, clock } = deps;
  // Notices are read in a mail client or team chat: the task's link is absolute (CAIRN_PUBLIC_URL).
  const taskUrl = async (id: string) => `${deps.links ? (await deps.links()).baseUrl.replace(/\/+$/, '') : ''}/#/tasks/${id}`;

  /** Emails a rep (or lead) about a task through the email channel's provider. Never fails the step. */
  const notify = async (taskId: string, key: string, to: string, subject: string, body: string) => {
    try {
      const providers = typeof deps.providers === 'function' ? await deps.providers() : deps.providers;
      await providers.email.send({ idempotencyKey: key, channel: 'email', customerId: '', to, topic: 'sales-task', content: { subject, body } });
      await db.salesTaskLog.create({ data: { taskId, kind: 'notified', note: `emailed ${to}` } });
    } catch (err) {
      await db.salesTaskLog.create({ data: { taskId, kind: 'notify-failed', note: `${to}: ${(err as Error).message}` } });
    }
  };

  /** Posts to the task's team chat, when the team has one (sales.saveTeam). Never fails the step. */
  const notifyTeam = async (taskId: string, teamId: string | null, key: string, text: string) => {
    const team = teamId ? await db.salesTeam.findUnique({ where: { id: teamId }, select: { name: true, chatWebhookUrl: true } }) : null;
    if (!team?.chatWebhookUrl) return;
    try {
      await postToTeamChat(team.chatWebhookUrl, key, text);
      await db.salesTaskLog.create({ data: { taskId, kind: 'notified', note: `team chat of ${team.name}` } });
    } catch (err) {
      await db.salesTaskLog.create({ data: { taskId, kind: 'notify-failed', note: `team chat of ${team.name}: ${(err as Error).message}` } });
    }
  };

  return {
    async assignRep(input: AssignRepInput): Promise<EffectOutcome> {
      const { node } = input;
      const next = node.waitForOutcome ? 'timeout' : 'next';
      const [profile] = await db.$queryRaw<Array<{ id: string; attributes: unknown }>>`SELECT id, attributes FROM "Customer" WHERE id = ${liveIdSql(input.customerId)}`;
      if (!profile) return { output: next, status: 'failed', reason: `unknown customer ${input.customerId}` };
      const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
      const scope = renderScope(input.customerId, attributes, input.event, input.journey);
      let text: { title: string; notes: string; iceBreaker: string; iceBreakerSubject: string };
      try {
        text = { title: renderTemplate(node.taskTitle, scope), notes: renderTemplate(node.taskNotes, scope), iceBreaker: renderTemplate(node.iceBreaker, scope), iceBreakerSubject: renderTemplate(node.iceBreakerSubject, scope) };
      } catch (err) {
        return { output: next, status: 'failed', reason: `template error: ${(err as Error).message}` };
      }
      const now = Math.max(clock.now(), input.at ?? 0);
      const made = await db.$transaction(async (tx) => {
        const existing = await tx.salesTask.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
        if (existing) return { task: existing, rep: existing.repUserId ? await tx.user.findUnique({ where: { id: existing.repUserId } }) : null, lead: null, fresh: false };
        // One routing at a time, so two tasks routed together see each other's load.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cairn-sales-routing'))`;
        const reps = await candidates(tx);
        const team = node.team ? await tx.salesTeam.findUnique({ where: { name: node.team } }) : null;
        const decision = route({ strategy: routingOf(node), reps, team: team ?? undefined, customer: attributes, named: node.rep });
        const rep = decision.rep ? reps.find((r) => r.userId === decision.rep?.userId) : undefined;
        const dueAt = dueWithinHours(now, durationMs(node.dueIn), rep?.hours);
        const enrolment = await tx.enrolment.findUnique({ where: { workflowId: input.workflowId }, select: { versionId: true } });
        const task = await tx.salesTask.create({
          data: {
            idempotencyKey: input.idempotencyKey, customerId: profile.id, journeyId: input.journey.id, versionId: enrolment?.versionId ?? null,
            nodeId: node.id, workflowId: input.workflowId, teamId: team?.id ?? rep?.teamId ?? null, repUserId: rep?.userId ?? null,
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
        await notify(task.id, `${input.idempotencyKey}:notify`, made.rep.email, `New task: ${task.title}`,
          `${task.title}\nPriority: ${task.priority}\nDue: ${task.dueAt.toISOString()}\n\nSuggested opening message:\n${task.iceBreaker}\n\nOpen it in Cairn: ${await taskUrl(task.id)}\n`);
      }
      if (made.fresh && made.lead) {
        await notify(task.id, `${input.idempotencyKey}:unassigned`, made.lead.email, `Unassigned task: ${task.title}`,
          `Nobody in the team could take this task: ${task.routeReason}\n\nOpen it in Cairn: ${await taskUrl(task.id)}\n`);
      }
      if (made.fresh) {
        await notifyTeam(task.id, task.teamId, `${input.idempotencyKey}:team-chat`, made.rep
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

    /**
     * A waiting journey's task got no outcome in time: it goes to the team lead (or, when the lead
     * cannot take it, the next rep of the team other than the current one), and the lead is emailed.
     */
    async escalateSalesTask(input: EscalateInput): Promise<{ reason: string }> {
      const now = Math.max(clock.now(), input.at ?? 0);
      const result = await db.$transaction(async (tx) => {
        const task = await tx.salesTask.findUnique({ where: { id: input.taskId } });
        if (!task) return { reason: `task ${input.taskId} is gone` };
        if (task.escalatedAt || task.status === 'done') return { reason: task.routeReason };
        const reps = await candidates(tx);
        const team = task.teamId ? await tx.salesTeam.findUnique({ where: { id: task.teamId } }) : null;
        const others = reps.filter((r) => r.userId !== task.repUserId);
        const lead = team?.leadUserId ? reps.find((r) => r.userId === team.leadUserId) : undefined;
        const decision = lead && lead.userId !== task.repUserId && !lead.away && lead.openTasks < lead.capacity
          ? { rep: lead, reason: `escalated to the team lead ${lead.email}` }
          : (() => {
              const d = route({ strategy: 'roundRobin', reps: others, team: team ?? undefined, customer: {} });
              return { ...d, reason: `escalated: ${d.reason}` };
            })();
        const reason = `no outcome by ${task.timeoutAt?.toISOString() ?? 'the deadline'}; ${decision.reason}`;
        await tx.salesTask.update({
          where: { id: task.id },
          data: { status: 'escalated', escalatedAt: new Date(now), journeyBranch: 'timeout', repUserId: decision.rep?.userId ?? task.repUserId, logs: { create: { kind: 'escalated', userId: decision.rep?.userId ?? null, note: reason, at: new Date(now) } } },
        });
        const tell = [...new Set([lead?.email, decision.rep?.email].filter((e): e is string => !!e))];
        return { reason, tell, task };
      }, TX_OPTIONS);
      if ('tell' in result && result.task) {
        for (const to of result.tell) {
          await notify(result.task.id, `${result.task.idempotencyKey}:escalate:${to}`, to, `Escalated: ${result.task.title}`, `${result.reason}\n\nOpen it in Cairn: ${await taskUrl(result.task.id)}\n`);
        }
        await notifyTeam(result.task.id, result.task.teamId, `${result.task.idempotencyKey}:escalate:team-chat`, `Escalated: ${result.task.title}. ${result.reason}. Open it in Cairn: ${await taskUrl(result.task.id)}`);
      }
      return { reason: result.reason };
    },
  };
}
