/**
 * The session cookie. `Secure; HttpOnly; SameSite=Strict; Path=/`, with the `__Host-` prefix so
 * the browser also refuses one set by a sub-domain or without Secure. Browsers accept Secure
 * cookies from http://localhost and http://127.0.0.1, so this works on `npm start` too; for plain
 * HTTP on another host set CAIRN_COOKIE_SECURE=0 (the name then loses its prefix).
 */

export const SECURE_NAME = '__Host-cairn_session';
export const PLAIN_NAME = 'cairn_session';

export function cookieName(secure: boolean): string {
  return secure ? SECURE_NAME : PLAIN_NAME;
}

/** Cookies of a request's `Cookie` header, by name (the first of a repeated name wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!out.has(name)) {
      try {
        out.set(name, decodeURIComponent(value));
      } catch {
        out.set(name, value);
      }
    }
  }
  return out;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const attrs = [`${cookieName(secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`];
  if (secure) attrs.push('Secure');
  return attrs.join('; ');
}

/** A Set-Cookie that removes the session cookie. */
export function clearedCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
