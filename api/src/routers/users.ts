/** tRPC: the workspace's users (admins only): list, add, reset a password, change a role, remove. */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { deleteOtherSessions } from '../auth/sessions.js';
import { createUser, setPassword, UserProblem } from '../auth/users.js';
import { adminProcedure, router } from '../trpc.js';
import { line } from '../validation/text.js';

const Role = z.enum(['admin', 'member']);
const UserId = line({ min: 1, max: 100 });

const refuse = (err: unknown): never => {
  if (err instanceof UserProblem) throw new TRPCError({ code: err.conflict ? 'CONFLICT' : 'BAD_REQUEST', message: err.message });
  throw err;
};

async function otherAdmins(db: Parameters<typeof deleteOtherSessions>[0], userId: string): Promise<number> {
  return db.user.count({ where: { role: 'admin', id: { not: userId } } });
}

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.user.findMany({ orderBy: { createdAt: 'asc' }, include: { _count: { select: { sessions: true } } } });
    return rows.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt, lastSignInAt: u.lastSignInAt, sessions: u._count.sessions }));
  }),

  create: adminProcedure
    .input(z.object({ email: line({ max: 320 }), name: line({ max: 120 }).default(''), role: Role.default('member'), password: z.string().max(1024) }))
    .mutation(({ ctx, input }) => createUser(ctx.db, input).catch(refuse)),

  /** Sets a user's password (they tell it to the person) and ends that user's sessions. */
  resetPassword: adminProcedure.input(z.object({ id: UserId, password: z.string().max(1024) })).mutation(async ({ ctx, input }) => {
    if (!(await ctx.db.user.findUnique({ where: { id: input.id } }))) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such user' });
    const keep = input.id === ctx.user.id ? ctx.http?.sessionId : undefined;
    return { sessionsEnded: await setPassword(ctx.db, input.id, input.password, keep).catch(refuse) };
  }),

  setRole: adminProcedure.input(z.object({ id: UserId, role: Role })).mutation(async ({ ctx, input }) => {
    if (input.role !== 'admin' && (await otherAdmins(ctx.db, input.id)) === 0) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'the workspace needs at least one admin' });
    }
    const u = await ctx.db.user.update({ where: { id: input.id }, data: { role: input.role } }).catch(() => undefined);
    if (!u) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such user' });
    return { id: u.id, role: u.role };
  }),

  /** Removes a user and their sessions. Not yourself, not the last admin. */
  remove: adminProcedure.input(z.object({ id: UserId })).mutation(async ({ ctx, input }) => {
    if (input.id === ctx.user.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'you cannot remove yourself' });
    const u = await ctx.db.user.findUnique({ where: { id: input.id } });
    if (!u) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such user' });
    if (u.role === 'admin' && (await otherAdmins(ctx.db, u.id)) === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the workspace needs at least one admin' });
    await ctx.db.user.delete({ where: { id: u.id } });
    return { removed: u.email };
  }),
});
