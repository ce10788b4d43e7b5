import { describe, expect, it } from 'vitest';
import { emailKey, phoneKey } from './match-keys.js';

describe('matching keys', () => {
  it('trims and lower-cases emails, and refuses what does not look like one', () => {
    expect(emailKey('  Lan@Example.COM \t')).toBe('lan@example.com');
    expect(emailKey('lan@example')).toBeUndefined();
    expect(emailKey('n/a')).toBeUndefined();
    expect(emailKey('a b@example.com')).toBeUndefined();
    expect(emailKey(42)).toBeUndefined();
  });

  it('strips spaces, dashes, dots and brackets from phones, and refuses placeholders', () => {
    expect(phoneKey('+84 90-123 4567')).toBe('+84901234567');
    expect(phoneKey('(415) 555.0123')).toBe('4155550123');
    expect(phoneKey('0')).toBeUndefined();
    expect(phoneKey('+1 555 CALL NOW')).toBeUndefined();
    expect(phoneKey('1234567890123456')).toBeUndefined();
    expect(phoneKey(null)).toBeUndefined();
  });
});
