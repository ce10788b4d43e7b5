/**
 * Who sees which sales task: a rep their own, an admin all of them (docs/sales-handoff.md). A task
 * someone else holds answers NOT_FOUND, the same as one that does not exist.
 */
import type { Db } from '@cairn/db';
import { TRPCError } from '@trpc/server';
import type { SessionUser } from '../auth/sessions.js';

export const seesAll = (user: SessionUser) => user.role === 'admin';

/** The `where` that limits a task query to what the user may see. */
export const visibleTo = (user: SessionUser) => (seesAll(user) ? {} : { repUserId: user.id });

export async function taskFor(db: Db, user: SessionUser, id: string) {
  const task = await db.salesTask.findFirst({ where: { id, ...visibleTo(user) } });
  if (!task) throw new TRPCError({ code: 'NOT_FOUND', message: `no task "${id}" of yours` });
  return task;
}
