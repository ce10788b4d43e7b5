import { describe, expect, it } from 'vitest';
import { clearedCookie, parseCookies, sessionCookie } from './cookies.js';

describe('session cookie', () => {
  it('is Secure, HttpOnly and SameSite=Strict with the __Host- prefix', () => {
    const c = sessionCookie('tok', 3600, true);
    expect(c.split('; ')).toEqual(['__Host-cairn_session=tok', 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=3600', 'Secure']);
  });

  it('loses the prefix and Secure only when secure cookies are turned off', () => {
    expect(sessionCookie('tok', 60, false)).toBe('cairn_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(clearedCookie(true)).toContain('Max-Age=0');
  });

  it('parses a Cookie header; the first of a repeated name wins', () => {
    const m = parseCookies('a=1; __Host-cairn_session=abc; a=2; b="q%20r"; junk; =x');
    expect(m.get('a')).toBe('1');
    expect(m.get('__Host-cairn_session')).toBe('abc');
    expect(m.get('b')).toBe('q r');
    expect(parseCookies(undefined).size).toBe(0);
  });
});
