/**
 * Sessions: a random 256-bit token in the browser's cookie, its SHA-256 in the Session table.
 * A session lives 14 days from its last use (extended at most once an hour, to spare writes) and
 * never more than 90 days from sign-in; signing out or changing the password deletes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@cairn/db';

export const SESSION_IDLE_MS = 14 * 24 * 3600_000;
export const SESSION_MAX_MS = 90 * 24 * 3600_000;
const EXTEND_EVERY_MS = 3600_000;

export type Role = 'admin' | 'member';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const tokenId = (token: string): string => createHash('sha256').update(token).digest('base64url');

export async function createSession(db: Db, userId: string, now: number, userAgent = ''): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + SESSION_IDLE_MS);
  await db.session.create({ data: { id: tokenId(token), userId, createdAt: new Date(now), lastSeenAt: new Date(now), expiresAt, userAgent: userAgent.slice(0, 300) } });
  return { token, expiresAt };
}

/** The user a cookie token signs in, or undefined (unknown, expired: an expired row is deleted). */
export async function userOfToken(db: Db, token: string | undefined, now: number): Promise<{ user: SessionUser; sessionId: string } | undefined> {
  // Tokens are 43 base64url characters: anything else is not worth a query.
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const id = tokenId(token);
  const row = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!row) return undefined;
  if (row.expiresAt.getTime() <= now || row.createdAt.getTime() + SESSION_MAX_MS <= now) {
    await db.session.deleteMany({ where: { id } });
    return undefined;
  }
  if (now - row.lastSeenAt.getTime() > EXTEND_EVERY_MS) {
    const expiresAt = new Date(Math.min(now + SESSION_IDLE_MS, row.createdAt.getTime() + SESSION_MAX_MS));
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now), expiresAt } });
  }
  const u = row.user;
  return { user: { id: u.id, email: u.email, name: u.name, role: u.role === 'admin' ? 'admin' : 'member' }, sessionId: id };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Signs a user out everywhere but `keep` (the session that asked). Returns how many ended. */
export async function deleteOtherSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const r = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return r.count;
}

/** Removes sessions past their expiry (the launcher calls it with the sweep). */
export async function purgeExpiredSessions(db: Db, now: number): Promise<number> {
  const r = await db.session.deleteMany({ where: { OR: [{ expiresAt: { lte: new Date(now) } }, { createdAt: { lte: new Date(now - SESSION_MAX_MS) } }] } });
  return r.count;
}
