/**
 * API keys: `cairn_` + 256 random bits (base64url), shown once. The database keeps the token's
 * SHA-256, not a slow password hash: the token is random and long, so its hash cannot be
 * guessed back (a slow hash defends low-entropy passwords), and a fast one costs nothing per call
 * and can be looked up by equality. Revoked keys stop at once (no cache).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@cairn/db';
import type { Scope } from './scopes.js';
import { tokenId } from './sessions.js';
import type { SessionUser } from './sessions.js';

export const API_KEY_PREFIX = 'cairn_';
const TOKEN_PATTERN = /^cairn_[A-Za-z0-9_-]{43}$/;

/** Who a key call acts as: the key itself (its name in `publishedBy` and the like). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: Scope[];
}

export async function createApiKey(db: Db, input: { name: string; scopes: Scope[]; createdBy: string }, now: number) {
  const token = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db.apiKey.create({
    data: { name: input.name, scopes: [...new Set(input.scopes)], createdBy: input.createdBy, prefix: token.slice(0, 11), hash: tokenId(token), createdAt: new Date(now) },
  });
  return { token, key: publicView(row) };
}

export function publicView(row: { id: string; name: string; prefix: string; scopes: string[]; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) {
  const { id, name, prefix, scopes, createdBy, createdAt, lastUsedAt, revokedAt } = row;
  return { id, name, prefix, scopes, createdBy, createdAt, lastUsedAt, revokedAt };
}

/** The token of an `Authorization: Bearer …` header, or undefined when there is none. */
export function bearerFrom(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** The key a token names, or undefined (malformed, unknown or revoked). */
export async function keyOfToken(db: Db, token: string): Promise<ApiKeyPrincipal | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = await db.apiKey.findUnique({ where: { hash: tokenId(token) } });
  if (!row || row.revokedAt) return undefined;
  return { id: row.id, name: row.name, scopes: row.scopes as Scope[] };
}

/** The user a key call runs as: named after the key, an admin only with the admin scope. */
export function keyUser(key: ApiKeyPrincipal): SessionUser {
  return { id: `apikey:${key.id}`, email: `API key "${key.name}"`, name: key.name, role: key.scopes.includes('admin') ? 'admin' : 'member' };
}
