import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, TOKEN_VERSION, verifyUnsubscribeToken } from './token.node.js';

const SECRET = 'test-secret-0123456789abcdef';
const claims = { customerId: 'cust_42', channel: 'email' as const, topic: 'promotions', issuedAt: 1_781_000_000_000 };
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('unsubscribe tokens', () => {
  it('round-trips the claims, with and without channel and topic', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    expect(token.startsWith(`${TOKEN_VERSION}.`)).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/); // URL-safe as is
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual({ ok: true, claims });
    const all = { customerId: 'ü-ñ ✓', issuedAt: 0 };
    expect(verifyUnsubscribeToken(signUnsubscribeToken(all, SECRET), SECRET)).toEqual({ ok: true, claims: all });
  });

  it('rejects every single-character change, anywhere in the token', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    let tried = 0;
    for (let i = 0; i < token.length; i++) {
      for (const c of B64URL + '.') {
        if (c === token[i]) continue;
        const forged = token.slice(0, i) + c + token.slice(i + 1);
        expect(verifyUnsubscribeToken(forged, SECRET).ok, `position ${i} -> ${c}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(token.length * 64);
  });

  it('rejects truncated, extended, re-ordered and re-versioned tokens', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    const [v, p, s] = token.split('.') as [string, string, string];
    for (const forged of [token.slice(0, -1), token + 'A', `${v}.${s}.${p}`, `u2.${p}.${s}`, `${v}.${p}`, `${v}.${p}.${s}.x`, '', '..', `${v}..${s}`, 'x'.repeat(5000)]) {
      expect(verifyUnsubscribeToken(forged, SECRET).ok, forged.slice(0, 40)).toBe(false);
    }
    expect(verifyUnsubscribeToken(`u2.${p}.${s}`, SECRET)).toEqual({ ok: false, error: 'unknown-version' });
  });

  it('rejects a token signed with another secret, and claims swapped between two valid tokens', () => {
    const mine = signUnsubscribeToken(claims, SECRET).split('.');
    const theirs = signUnsubscribeToken({ ...claims, customerId: 'someone-else' }, SECRET).split('.');
    expect(verifyUnsubscribeToken(`${mine[0]}.${theirs[1]}.${mine[2]}`, SECRET)).toEqual({ ok: false, error: 'bad-signature' });
    expect(verifyUnsubscribeToken(signUnsubscribeToken(claims, 'another-secret-0123456789'), SECRET)).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('a payload re-encoded with forged claims is rejected (property)', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    const [v, , s] = token.split('.') as [string, string, string];
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0 }), (c, iat) => {
        const payload = Buffer.from(JSON.stringify({ c, iat })).toString('base64url');
        expect(verifyUnsubscribeToken(`${v}.${payload}.${s}`, SECRET).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a validly signed payload with wrong claims is refused as invalid-claims, not trusted', () => {
    const payload = Buffer.from(JSON.stringify({ c: '', iat: -1, admin: true })).toString('base64url');
    const sig = createHmac('sha256', SECRET).update(`cairn-unsubscribe.${TOKEN_VERSION}.${payload}`).digest('base64url');
    expect(verifyUnsubscribeToken(`${TOKEN_VERSION}.${payload}.${sig}`, SECRET)).toEqual({ ok: false, error: 'invalid-claims' });
  });

  it('accepts any of several secrets (rotation)', () => {
    const old = signUnsubscribeToken(claims, 'old-secret-0123456789abc');
    expect(verifyUnsubscribeToken(old, [SECRET, 'old-secret-0123456789abc']).ok).toBe(true);
    expect(verifyUnsubscribeToken(old, [SECRET]).ok).toBe(false);
  });

  it('optional expiry', () => {
    const token = signUnsubscribeToken(claims, SECRET);
    expect(verifyUnsubscribeToken(token, SECRET, { maxAgeMs: 1000, now: claims.issuedAt + 1000 }).ok).toBe(true);
    expect(verifyUnsubscribeToken(token, SECRET, { maxAgeMs: 1000, now: claims.issuedAt + 1001 })).toEqual({ ok: false, error: 'expired' });
  });

  it('refuses short secrets and invalid claims when signing', () => {
    expect(() => signUnsubscribeToken(claims, 'short')).toThrow(/at least 16/);
    expect(() => signUnsubscribeToken({ ...claims, channel: 'fax' as never }, SECRET)).toThrow();
  });
});
