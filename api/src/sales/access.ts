/**
 * Who sees which sales task: a rep their own, a team lead their team's, an admin all of them (docs/sales-handoff.md). A task
 * someone else holds answers NOT_FOUND, the same as one that does not exist.
 */
import type { Db } from '@cairn/db';
import { TRPCError } from '@trpc/server';
import type { SessionUser } from '../auth/sessions.js';

export const seesAll = (user: SessionUser) => user.role === 'admin';

/** The `where` that limits a task query to what the user may see: their own, and their teams' when they lead one. */
export async function visibleTo(db: Db, user: SessionUser) {
  if (seesAll(user)) return {};
  const led = await db.salesTeam.findMany({ where: { leadUserId: user.id }, select: { id: true } });
  return led.length ? { OR: [{ repUserId: user.id }, { teamId: { in: led.map((t) => t.id) } }] } : { repUserId: user.id };
}

export async function taskFor(db: Db, user: SessionUser, id: string) {
  const task = await db.salesTask.findFirst({ where: { id, ...(await visibleTo(db, user)) } });
  if (!task) throw new TRPCError({ code: 'NOT_FOUND', message: `no task "${id}" of yours` });
  return task;
}

/**
 * Who may read the figures, and of which tasks: an admin all of them, a team lead their teams'
 * (and their own), a rep only their own. Anyone else (a marketer without a sales role) gets
 * FORBIDDEN: the figures name reps and their win rates.
 */
export async function figuresScope(db: Db, user: SessionUser) {
  if (seesAll(user)) return {};
  const [rep, leads] = await Promise.all([
    db.salesRep.findUnique({ where: { userId: user.id }, select: { userId: true } }),
    db.salesTeam.count({ where: { leadUserId: user.id } }),
  ]);
  if (!rep && leads === 0) throw new TRPCError({ code: 'FORBIDDEN', message: 'the sales figures are for admins, team leads and reps (sales.figures)' });
  return visibleTo(db, user);
}
