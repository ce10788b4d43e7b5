/**
 * The handoff's figures per rep and per team: tasks, open, overdue, median time to first contact
 * and outcome rates (docs/sales-handoff.md). One query; the arithmetic is plain code.
 */
import type { Db, Prisma } from '@cairn/db';
import { TASK_OUTCOMES, type TaskOutcome } from '@cairn/engine/sales';

export interface FigureRow {
  key: string;
  label: string;
  tasks: number;
  open: number;
  overdue: number;
  /** Median minutes from task creation to the first call or message; null when nobody was contacted. */
  medianFirstContactMinutes: number | null;
  contacted: number;
  outcomes: Record<TaskOutcome, number>;
  /** won / closed tasks with an outcome, 0..1; null when none has one. call_back counts tasks rescheduled (still open). */
  winRate: number | null;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

type Task = { repUserId: string | null; teamId: string | null; status: string; outcome: string | null; dueAt: Date; createdAt: Date; firstContactAt: Date | null };

function row(key: string, label: string, tasks: Task[], now: number): FigureRow {
  const outcomes = Object.fromEntries(TASK_OUTCOMES.map((o) => [o, tasks.filter((t) => t.outcome === o).length])) as Record<TaskOutcome, number>;
  // A call back keeps the task open (rescheduled): only closed tasks have decided anything.
  const decided = tasks.filter((t) => t.outcome !== null && t.status === 'done').length;
  const firsts = tasks.flatMap((t) => (t.firstContactAt ? [(t.firstContactAt.getTime() - t.createdAt.getTime()) / 60_000] : []));
  const open = tasks.filter((t) => t.status !== 'done');
  const m = median(firsts);
  return {
    key, label, tasks: tasks.length, open: open.length, overdue: open.filter((t) => t.dueAt.getTime() < now).length,
    medianFirstContactMinutes: m === null ? null : Math.round(m * 10) / 10, contacted: firsts.length,
    outcomes, winRate: decided ? outcomes.won / decided : null,
  };
}

/** `scope`: the tasks the reader may see (access.ts, figuresScope). */
export async function salesFigures(db: Db, input: { since?: Date | undefined; scope?: Prisma.SalesTaskWhereInput }, now: number) {
  const tasks = await db.salesTask.findMany({
    where: { ...(input.scope ?? {}), ...(input.since ? { createdAt: { gte: input.since } } : {}) },
    select: { repUserId: true, teamId: true, status: true, outcome: true, dueAt: true, createdAt: true, firstContactAt: true },
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(tasks.flatMap((t) => (t.repUserId ? [t.repUserId] : [])))] } }, select: { id: true, email: true } });
  const teams = await db.salesTeam.findMany({ select: { id: true, name: true } });
  const group = (key: (t: Task) => string | null, label: (k: string) => string) => {
    const keys = [...new Set(tasks.map((t) => key(t) ?? ''))].sort();
    return keys.map((k) => row(k, k ? label(k) : '(unassigned)', tasks.filter((t) => (key(t) ?? '') === k), now));
  };
  return {
    total: row('all', 'all tasks', tasks, now),
    reps: group((t) => t.repUserId, (k) => users.find((u) => u.id === k)?.email ?? k),
    teams: group((t) => t.teamId, (k) => teams.find((t) => t.id === k)?.name ?? k),
  };
}
