/** Workspace users: creating them, and the first admin made on the first start. */
import { randomBytes } from 'node:crypto';
import type { Db } from '@cairn/db';
import { hashPassword, passwordProblem } from './password.js';
import { deleteOtherSessions, type Role, type SessionUser } from './sessions.js';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Loose on purpose: one @ with something on both sides and a dot-free-or-not domain (admin@localhost is fine). */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;

export class UserProblem extends Error {
  constructor(
    message: string,
    readonly field: 'email' | 'password' | 'name' | 'role',
    /** The email is taken (CONFLICT rather than BAD_REQUEST). */
    readonly conflict = false,
  ) {
    super(message);
  }
}

export interface NewUser {
  email: string;
  password: string;
  name?: string;
  role?: Role;
}

export async function createUser(db: Db, input: NewUser): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  if (!EMAIL_RE.test(email)) throw new UserProblem(`"${input.email}" is not an email address`, 'email');
  const problem = passwordProblem(input.password, email);
  if (problem) throw new UserProblem(problem, 'password');
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new UserProblem(`${email} already has an account`, 'email', true);
  const row = await db.user.create({ data: { email, name: input.name?.trim() ?? '', role: input.role ?? 'member', passwordHash: await hashPassword(input.password) } });
  return { id: row.id, email: row.email, name: row.name, role: row.role === 'admin' ? 'admin' : 'member' };
}

/** Sets a new password and signs the user out of every session but `keep`. */
export async function setPassword(db: Db, userId: string, password: string, keep?: string): Promise<number> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const problem = passwordProblem(password, user.email);
  if (problem) throw new UserProblem(problem, 'password');
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
  return deleteOtherSessions(db, userId, keep);
}

export interface FirstAdminOptions {
  /** CAIRN_ADMIN_EMAIL (default admin@localhost). */
  email?: string | undefined;
  /** CAIRN_ADMIN_PASSWORD (default: a generated one, printed once). */
  password?: string | undefined;
  /** CAIRN_ADMIN_RESET: set the password of `email` again (a lost admin password). */
  reset?: boolean | undefined;
}

export type FirstAdmin = { created: false; reset: false } | { created: boolean; reset: boolean; email: string; password: string; generated: boolean };

/**
 * On a workspace with no users, creates an admin. With `reset`, sets the given admin's password
 * (creating the account if needed) and ends its sessions. Several processes starting at once
 * race on the unique email; the loser finds the winner's row.
 */
export async function ensureFirstAdmin(db: Db, opts: FirstAdminOptions = {}): Promise<FirstAdmin> {
  const email = normalizeEmail(opts.email ?? 'admin@localhost');
  const generated = !opts.password;
  const password = opts.password ?? randomBytes(15).toString('base64url');
  if (opts.reset) {
    if (!opts.password) throw new UserProblem('CAIRN_ADMIN_RESET needs CAIRN_ADMIN_PASSWORD (the new password)', 'password');
    const found = await db.user.findUnique({ where: { email } });
    if (found) {
      await setPassword(db, found.id, password);
      await db.user.update({ where: { id: found.id }, data: { role: 'admin' } });
      return { created: false, reset: true, email, password, generated: false };
    }
  } else if ((await db.user.count()) > 0) {
    return { created: false, reset: false };
  }
  try {
    await createUser(db, { email, password, name: 'Admin', role: 'admin' });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return { created: false, reset: false };
    throw err;
  }
  return { created: true, reset: Boolean(opts.reset), email, password, generated };
}
