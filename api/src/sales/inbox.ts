/** A rep's inbox: open tasks split into overdue, due today (in the rep's time zone) and upcoming. */
import type { Db } from '@cairn/db';
import { zonedTimeToInstant, zonedParts } from '@cairn/core';
import type { SessionUser } from '../auth/sessions.js';
import { visibleTo } from './access.js';

export interface InboxInput {
  /** Admins: every rep's tasks ('all', the default for them) or only their own ('mine'). */
  scope?: 'mine' | 'all' | undefined;
}

export async function inbox(db: Db, user: SessionUser, input: InboxInput, now: number) {
  const rep = await db.salesRep.findUnique({ where: { userId: user.id } });
  const where = input.scope === 'mine' ? { repUserId: user.id } : await visibleTo(db, user);
  const tasks = await db.salesTask.findMany({
    where: { ...where, status: { in: ['open', 'escalated'] } },
    orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
    take: 500,
  });
  const customers = await db.customer.findMany({ where: { id: { in: [...new Set(tasks.map((t) => t.customerId))] } }, select: { id: true, email: true, attributes: true } });
  const journeys = await db.journey.findMany({ where: { id: { in: [...new Set(tasks.map((t) => t.journeyId))] } }, select: { id: true, name: true } });
  const reps = await db.user.findMany({ where: { id: { in: [...new Set(tasks.flatMap((t) => (t.repUserId ? [t.repUserId] : [])))] } }, select: { id: true, email: true } });
  const tz = rep?.timeZone ?? 'UTC';
  const today = zonedParts(now, tz);
  const endOfToday = zonedTimeToInstant(tz, today.year, today.month, today.day, 23, 59) + 60_000;
  const rows = tasks.map((t) => {
    const c = customers.find((x) => x.id === t.customerId);
    const attrs = (c?.attributes ?? {}) as Record<string, unknown>;
    const name = [attrs.firstName, attrs.lastName].filter((x) => typeof x === 'string').join(' ');
    return {
      id: t.id, title: t.title, priority: t.priority, status: t.status, dueAt: t.dueAt, createdAt: t.createdAt,
      customerId: t.customerId, customerName: name || c?.email || t.customerId,
      journeyId: t.journeyId, journeyName: journeys.find((j) => j.id === t.journeyId)?.name ?? t.journeyId,
      rep: reps.find((r) => r.id === t.repUserId)?.email ?? null,
      due: t.dueAt.getTime() < now ? ('overdue' as const) : t.dueAt.getTime() < endOfToday ? ('today' as const) : ('upcoming' as const),
    };
  });
  return {
    timeZone: tz,
    isRep: rep !== null,
    away: rep?.away ?? false,
    overdue: rows.filter((r) => r.due === 'overdue'),
    today: rows.filter((r) => r.due === 'today'),
    upcoming: rows.filter((r) => r.due === 'upcoming'),
  };
}
