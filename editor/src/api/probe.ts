/**
 * The "is there an API, and who is signed in" request, sent as the very first thing the bundle
 * runs (main.tsx imports this module first), so its round trip overlaps the evaluation of the rest
 * of the code instead of following it: nothing can be shown until it answers. index.html preloads
 * it (`<link rel="preload" as="fetch">`, no inline script: the page keeps working under a strict
 * Content-Security-Policy), so it leaves while the HTML is parsed, before the modules have even
 * loaded, and the fetch below takes that response. `checkSession` takes the answer; `?api=local`
 * skips the request as it always did (the preload then goes unused).
 */
const SESSION_URL = '/trpc/auth.session';
const INIT: RequestInit = { headers: { accept: 'application/json' } };

let early: Promise<Response> | undefined =
  typeof window !== 'undefined' && typeof fetch === 'function' && new URLSearchParams(window.location.search).get('api') !== 'local'
    ? fetch(SESSION_URL, INIT)
    : undefined;
// A failure is read by checkSession; this only keeps it from being reported as unhandled meanwhile.
early?.catch(() => undefined);

/** The session request: the one already under way the first time, a new one after that. */
export function fetchSession(): Promise<Response> {
  const res = early ?? fetch(SESSION_URL, INIT);
  early = undefined;
  return res;
}
