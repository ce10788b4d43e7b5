/**
 * What an API key may call. Sessions (people in the editor) are not scoped; a key carries scopes
 * and every procedure needs one:
 * - `read`: queries (journeys, customers, suppressions, counts…);
 * - `write`: mutations that change data (drafts, enrolments, suppressions, customers…);
 * - `publish`: what changes a live journey (publish, pause, resume, stop, archive);
 * - `admin`: users, write keys and API keys; an admin key may also do everything else.
 * The default (queries read, mutations write) covers procedures added later; the table below
 * names the exceptions. The same names serve tRPC (/trpc) and REST (/api), whose procedures are
 * named like their tRPC twins.
 */
import { TRPCError } from '@trpc/server';

export const SCOPES = ['read', 'write', 'publish', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Procedures (or `prefix.` for a whole router) whose scope is not the default; null: never with a key. */
const EXCEPTIONS: Record<string, Scope | null> = {
  'journeys.publish': 'publish',
  'journeys.pause': 'publish',
  'journeys.resume': 'publish',
  'journeys.stop': 'publish',
  'journeys.archive': 'publish',
  'journeys.unarchive': 'publish',
  'segments.enrolMatching': 'publish',
  // Sending a broadcast contacts customers now, as publishing a journey does: the same scope.
  'broadcasts.send': 'publish',
  'broadcasts.pause': 'publish',
  'broadcasts.resume': 'publish',
  'broadcasts.cancel': 'publish',
  // Merging and un-merging people, and whether they merge by themselves, are for admins.
  'identity.merge': 'admin',
  'identity.unmerge': 'admin',
  'identity.saveSettings': 'admin',
  'users.': 'admin',
  'writeKeys.': 'admin',
  'apiKeys.': 'admin',
  // Signing in and out, and passwords, are for people.
  'auth.': null,
};

/** The scope a procedure needs when called with a key (null: keys may not call it). */
export function scopeFor(path: string, type: 'query' | 'mutation' | 'subscription'): Scope | null {
  if (path in EXCEPTIONS) return EXCEPTIONS[path] ?? null;
  const router = Object.keys(EXCEPTIONS).find((k) => k.endsWith('.') && path.startsWith(k));
  if (router !== undefined) return EXCEPTIONS[router] ?? null;
  return type === 'query' ? 'read' : 'write';
}

export function hasScope(scopes: readonly string[], needed: Scope): boolean {
  return scopes.includes(needed) || scopes.includes('admin');
}

/** Throws FORBIDDEN naming the missing scope (or that keys cannot call the procedure). */
export function requireScope(key: { scopes: readonly string[] }, path: string, type: 'query' | 'mutation' | 'subscription'): void {
  const needed = scopeFor(path, type);
  if (needed === null) throw new TRPCError({ code: 'FORBIDDEN', message: `${path} is not available to API keys` });
  if (!hasScope(key.scopes, needed)) throw new TRPCError({ code: 'FORBIDDEN', message: `this API key lacks the "${needed}" scope that ${path} needs` });
}
