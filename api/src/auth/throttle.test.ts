import { describe, expect, it } from 'vitest';
import { MAX_PER_ADDRESS, MAX_PER_EMAIL, signInThrottle, WINDOW_MS } from './throttle.js';

describe('sign-in throttle', () => {
  it('refuses an email after too many failures until the oldest leaves the window', () => {
    const t = signInThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < MAX_PER_EMAIL; i++) {
      expect(t.waitMs('a@x', '1.1.1.1', t0 + i)).toBe(0);
      t.failed('a@x', '1.1.1.1', t0 + i);
    }
    expect(t.waitMs('a@x', '2.2.2.2', t0 + 10)).toBe(WINDOW_MS - 10);
    expect(t.waitMs('b@x', '1.1.1.1', t0 + 10)).toBe(0); // another account from the same address
    expect(t.waitMs('a@x', '1.1.1.1', t0 + WINDOW_MS)).toBe(0);
  });

  it('a success clears the email count', () => {
    const t = signInThrottle();
    for (let i = 0; i < MAX_PER_EMAIL - 1; i++) t.failed('a@x', 'ip', i);
    t.succeeded('a@x');
    t.failed('a@x', 'ip', 10);
    expect(t.waitMs('a@x', 'ip', 11)).toBe(0);
  });

  it('refuses an address that tries many emails', () => {
    const t = signInThrottle();
    for (let i = 0; i < MAX_PER_ADDRESS; i++) t.failed(`u${i}@x`, '9.9.9.9', i);
    expect(t.waitMs('fresh@x', '9.9.9.9', MAX_PER_ADDRESS)).toBeGreaterThan(0);
    expect(t.waitMs('fresh@x', '8.8.8.8', MAX_PER_ADDRESS)).toBe(0);
  });
});
