/**
 * tRPC: signing in and out. `session` and `signIn` are the API's only calls open to anyone;
 * the session lives in an HttpOnly cookie the browser sends back (see auth/cookies.ts).
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { clearedCookie, sessionCookie } from '../auth/cookies.js';
import { decoyHash, needsRehash, hashPassword, verifyPassword } from '../auth/password.js';
import { createSession, deleteSession, SESSION_IDLE_MS } from '../auth/sessions.js';
import { normalizeEmail, setPassword, UserProblem } from '../auth/users.js';
import { authedProcedure, publicProcedure, router, type HttpAuth } from '../trpc.js';
import { line } from '../validation/text.js';

const WRONG = 'wrong email or password';

function needHttp(http: HttpAuth | undefined): HttpAuth {
  if (!http) throw new TRPCError({ code: 'BAD_REQUEST', message: 'signing in needs an HTTP request (the session is a cookie)' });
  return http;
}

export const authRouter = router({
  /** Who is signed in: `{ user: null }` when nobody is (not an error: the editor asks first). */
  session: publicProcedure.query(({ ctx }) => ({ user: ctx.user ?? null })),

  signIn: publicProcedure
    .input(z.object({ email: z.string().trim().min(1, 'enter your email').pipe(line({ max: 320 })), password: z.string().min(1, 'enter your password').max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const http = needHttp(ctx.http);
      const email = normalizeEmail(input.email);
      const now = ctx.clock.now();
      const wait = http.throttle.waitMs(email, http.address, now);
      if (wait > 0) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `too many failed sign-ins: try again in ${Math.ceil(wait / 60_000)} min` });
      }
      const user = await ctx.db.user.findUnique({ where: { email } });
      // Unknown emails cost the same hash as wrong passwords: the form does not list accounts.
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !ok) {
        http.throttle.failed(email, http.address, now);
        throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG });
      }
      http.throttle.succeeded(email);
      const data: { lastSignInAt: Date; passwordHash?: string } = { lastSignInAt: new Date(now) };
      if (needsRehash(user.passwordHash)) data.passwordHash = await hashPassword(input.password);
      await ctx.db.user.update({ where: { id: user.id }, data });
      // A session cookie the browser already had is replaced, never reused (session fixation).
      if (http.sessionId) await deleteSession(ctx.db, http.sessionId);
      const { token } = await createSession(ctx.db, user.id, now, http.userAgent);
      http.setCookie(sessionCookie(token, SESSION_IDLE_MS / 1000, http.secure));
      return { user: { id: user.id, email: user.email, name: user.name, role: user.role === 'admin' ? ('admin' as const) : ('member' as const) } };
    }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    const http = needHttp(ctx.http);
    if (http.sessionId) await deleteSession(ctx.db, http.sessionId);
    http.setCookie(clearedCookie(http.secure));
    return { signedOut: true };
  }),

  /** Needs the current password; ends the user's other sessions. */
  changePassword: authedProcedure
    .input(z.object({ current: z.string().min(1, 'enter your current password').max(1024), next: z.string().max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.user.id } });
      if (!(await verifyPassword(input.current, row.passwordHash))) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the current password is not right' });
      try {
        const ended = await setPassword(ctx.db, row.id, input.next, ctx.http?.sessionId);
        return { otherSessionsEnded: ended };
      } catch (err) {
        if (err instanceof UserProblem) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    }),
});
