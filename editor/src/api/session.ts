/**
 * Who is signed in, for the editor. Against the API, nothing but the sign-in form shows until
 * somebody signs in; a session that ends mid-work (expired, signed out elsewhere, password
 * changed) brings the form back over the page, which stays mounted so no unsaved change is lost,
 * and `signedIn` listeners (autosave) try again once the user is back. Stand-alone (local drafts)
 * there is nobody to sign in.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '@cairn/api';
import { useSyncExternalStore } from 'react';
import { fetchSession } from './probe.js';

/** The signed-in user as `auth.session` returns it. */
export type SignedInUser = NonNullable<inferRouterOutputs<AppRouter>['auth']['session']['user']>;

export type SessionState =
  | { status: 'checking' }
  | { status: 'local' }
  | { status: 'signed-out' }
  /** Was signed in on this page, and a call came back UNAUTHORIZED. */
  | { status: 'expired'; email: string }
  | { status: 'signed-in'; user: SignedInUser };

let state: SessionState = { status: 'checking' };
const listeners = new Set<() => void>();
const signedInListeners = new Set<() => void>();

function set(next: SessionState): void {
  const was = state.status;
  state = next;
  for (const l of listeners) l();
  if (next.status === 'signed-in' && was !== 'signed-in') for (const l of signedInListeners) l();
}

export const sessionState = (): SessionState => state;

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => state,
  );
}

/** Runs `fn` each time somebody signs in (again) on this page. Returns the unsubscribe. */
export function onSignedIn(fn: () => void): () => void {
  signedInListeners.add(fn);
  return () => signedInListeners.delete(fn);
}

/** A call was refused for want of a session. */
export function sessionLost(): void {
  if (state.status === 'signed-in') set({ status: 'expired', email: state.user.email });
  else if (state.status === 'checking') set({ status: 'signed-out' });
}

/** A tRPC link that notices UNAUTHORIZED answers, so any call can bring the sign-in form back. */
export const watchSession: TRPCLink<AppRouter> = () => ({ next, op }) =>
  observable((observer) =>
    next(op).subscribe({
      next: (v) => observer.next(v),
      complete: () => observer.complete(),
      error: (err) => {
        if (err.data?.code === 'UNAUTHORIZED' && !op.path.startsWith('auth.')) sessionLost();
        observer.error(err);
      },
    }),
  );

/** The links every tRPC client of the editor uses. */
export function apiLinks(url = '/trpc'): TRPCLink<AppRouter>[] {
  return [watchSession, httpBatchLink({ url })];
}

// Its own client without `watchSession`: a refused sign-in is not a lost session.
let authClient: ReturnType<typeof createTRPCClient<AppRouter>> | undefined;
const auth = () => (authClient ??= createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc' })] })).auth;

/**
 * Asks the server who this browser is. Returns false when no API answers (stand-alone editor).
 * The API answers `auth.session` to anyone, so it doubles as the "is there a server" probe.
 */
export async function checkSession(): Promise<boolean> {
  try {
    const res = await fetchSession();
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/json')) return false;
    const body = (await res.json()) as { result?: { data?: { user: SignedInUser | null } } };
    if (!body.result?.data) return false;
    const user = body.result.data.user;
    set(user ? { status: 'signed-in', user } : { status: 'signed-out' });
    return true;
  } catch {
    return false;
  }
}

export function standAlone(): void {
  set({ status: 'local' });
}

export async function signIn(email: string, password: string): Promise<void> {
  try {
    const { user } = await auth().signIn.mutate({ email, password });
    set({ status: 'signed-in', user });
  } catch (err) {
    throw new Error(readable(err));
  }
}

export async function signOut(): Promise<void> {
  await auth().signOut.mutate();
  set({ status: 'signed-out' });
}

export async function changePassword(current: string, next: string): Promise<number> {
  try {
    return (await auth().changePassword.mutate({ current, next })).otherSessionsEnded;
  } catch (err) {
    throw new Error(readable(err));
  }
}

/** A zod refusal arrives as JSON in the message: show each issue as "path: message" instead. */
export function readable(err: unknown): string {
  if (err instanceof TRPCClientError) {
    try {
      const issues = JSON.parse(err.message) as Array<{ message: string; path?: Array<string | number> }>;
      if (Array.isArray(issues) && issues[0]) return issues.map((i) => (i.path?.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' · ');
    } catch {
      // a plain message
    }
    return err.message;
  }
  return (err as Error).message ?? String(err);
}
