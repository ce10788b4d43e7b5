import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, hashPassword, needsRehash, passwordProblem, verifyPassword } from './password.js';

// A cheaper cost keeps the unit tests quick; one test checks the default cost for real.
const FAST = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password never gives the same string', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', FAST), hashPassword('same password', FAST)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('treats composed and decomposed Unicode the same (NFKC)', async () => {
    const stored = await hashPassword('mật khẩu rất dài', FAST);
    expect(await verifyPassword('mật khẩu rất dài'.normalize('NFD'), stored)).toBe(true);
  });

  it('never matches, and never throws on, a malformed or tampered hash', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    const parts = stored.split('$');
    const bad = [
      '',
      'plain text',
      stored.replace('scrypt', 'bcrypt'),
      [...parts.slice(0, 1), '40', ...parts.slice(2)].join('$'), // absurd memory cost
      [...parts.slice(0, 5), 'AAAA'].join('$'), // short key
      [...parts.slice(0, 5), Buffer.alloc(32).toString('base64url')].join('$'), // other key
    ];
    for (const s of bad) expect(await verifyPassword('correct horse battery', s), s).toBe(false);
  });

  it('uses a slow default cost, and asks for a new hash when the cost changes', async () => {
    expect(DEFAULT_COST.logN).toBeGreaterThanOrEqual(15);
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith(`scrypt$${DEFAULT_COST.logN}$`)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(await hashPassword('x', FAST))).toBe(true);
  });

  it('says why a new password is refused', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/too few/);
    expect(passwordProblem('lan.nguyen-2026!', 'lan.nguyen@example.com')).toMatch(/email/);
    expect(passwordProblem('x'.repeat(300))).toMatch(/at most/);
    expect(passwordProblem('tea garden by the river')).toBeUndefined();
  });
});
