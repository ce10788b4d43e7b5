/** Teams and reps: the sales role of users (admins manage it; a rep may mark themselves away). */
import type { Db } from '@cairn/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { SessionUser } from '../auth/sessions.js';
import { line } from '../validation/text.js';

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "09:00"');

export const TeamInput = z.object({
  name: line({ min: 1, max: 120 }),
  leadEmail: line({ max: 320 }).optional(),
  /**
   * The team chat's incoming webhook (Slack, Mattermost, Rocket.Chat, Google Chat all take {"text"}).
   * Left out: the team keeps the one it has; empty or null: none.
   */
  chatWebhookUrl: z.union([z.url({ protocol: /^https?$/ }).max(2000), z.literal('')]).nullable().optional(),
});
export const RepInput = z.object({
  email: line({ min: 3, max: 320 }),
  team: line({ max: 120 }).optional(),
  timeZone: z.string().max(64).refine(validZone, 'must be an IANA time zone like "Asia/Ho_Chi_Minh"').default('UTC'),
  workStart: TimeOfDay.default('09:00'),
  workEnd: TimeOfDay.default('17:00'),
  workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  capacity: z.number().int().min(1).max(10_000).default(20),
  away: z.boolean().default(false),
  territory: z.record(line({ min: 1, max: 100 }), z.array(line({ max: 200 })).max(200)).default({}),
});

async function userByEmail(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: `no user "${email}": add them under Users first` });
  return user;
}

export async function saveTeam(db: Db, input: z.infer<typeof TeamInput>) {
  const lead = input.leadEmail ? await userByEmail(db, input.leadEmail) : null;
  const webhook = input.chatWebhookUrl === undefined ? undefined : input.chatWebhookUrl || null;
  const data = { leadUserId: lead?.id ?? null, ...(webhook !== undefined ? { chatWebhookUrl: webhook } : {}) };
  return db.salesTeam.upsert({ where: { name: input.name }, create: { name: input.name, ...data }, update: data });
}

export async function saveRep(db: Db, input: z.infer<typeof RepInput>) {
  const user = await userByEmail(db, input.email);
  const team = input.team ? await db.salesTeam.findUnique({ where: { name: input.team } }) : null;
  if (input.team && !team) throw new TRPCError({ code: 'NOT_FOUND', message: `no team "${input.team}": save the team first` });
  const data = {
    teamId: team?.id ?? null, timeZone: input.timeZone, workStart: input.workStart, workEnd: input.workEnd,
    workDays: input.workDays, capacity: input.capacity, away: input.away, territory: input.territory,
  };
  return db.salesRep.upsert({ where: { userId: user.id }, create: { userId: user.id, ...data }, update: data });
}

export async function setAway(db: Db, user: SessionUser, input: { away: boolean; email?: string | undefined }) {
  const target = input.email && input.email.toLowerCase() !== user.email ? await userByEmail(db, input.email) : user;
  if (target.id !== user.id && user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'only an admin can change another rep (sales.setAway)' });
  const rep = await db.salesRep.findUnique({ where: { userId: target.id } });
  if (!rep) throw new TRPCError({ code: 'NOT_FOUND', message: `${target.email} is not a sales rep` });
  return db.salesRep.update({ where: { userId: target.id }, data: { away: input.away } });
}

export async function listReps(db: Db) {
  const [teams, reps] = await Promise.all([
    db.salesTeam.findMany({ orderBy: { name: 'asc' } }),
    db.salesRep.findMany({ include: { user: { select: { email: true, name: true } } }, orderBy: { createdAt: 'asc' } }),
  ]);
  return { teams, reps: reps.map(({ user, ...r }) => ({ ...r, email: user.email, name: user.name })) };
}
