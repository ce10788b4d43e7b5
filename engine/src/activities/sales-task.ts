/**
 * The sales handoff's runtime parts: the reps as routing candidates, the notices (a rep's email,
 * the team's chat), and `escalateSalesTask`, run when a waiting journey's task times out. The
 * task itself is made by the assign step (actions/assign-rep.ts). The choice of rep is the pure
 * `route` (sales/routing.ts).
 */
import type { Db } from '@cairn/db';
import type { LinkConfig } from '../policy/links.node.js';
import { TX_OPTIONS } from '../delivery/claim.js';
import { postToTeamChat } from './team-chat.js';
import type { ProviderSource } from '../delivery/provider.js';
import { route, type RepCandidate } from '@cairn/core/internal/sales/routing';

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

/** A transaction of the database (routing reads the reps inside the task's transaction). */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Every rep with their open tasks, for `route`. */
export async function candidates(tx: Tx): Promise<Array<RepCandidate & { hours: { timeZone: string; workStart: string; workEnd: string; workDays: number[] } }>> {
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

/** What the sales runtime needs: the database, the email provider, the clock, the public links. */
export interface SalesDeps {
  db: Db;
  providers: ProviderSource;
  clock: { now(): number };
  links?: () => Promise<LinkConfig>;
}

/** How a task reaches people: its link, an email to a rep or lead, a post to the team's chat. */
export function salesNotices(deps: SalesDeps) {
  const { db } = deps;
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

  return { taskUrl, notify, notifyTeam };
}

/** `escalateSalesTask`: the timeout of a task a journey waits on. The task itself is made by the assign step (actions/assign-rep.ts). */
export function salesTaskActivities(deps: SalesDeps) {
  const { db, clock } = deps;
  const { taskUrl, notify, notifyTeam } = salesNotices(deps);

  return {
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
