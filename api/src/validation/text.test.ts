import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { line, text, unsafeCharacter } from './text.js';

describe('unsafeCharacter', () => {
  it('names NUL, other controls and where they are', () => {
    expect(unsafeCharacter('ab\u0000c')).toBe('contains a control character (U+0000) at character 3');
    expect(unsafeCharacter('\u001b[31m', 'line')).toMatch(/U\+001B/);
    expect(unsafeCharacter('a\u0085', 'line')).toMatch(/U\+0085/);
  });

  it('keeps tab and line breaks in text, not in a line', () => {
    expect(unsafeCharacter('one\ttwo\r\nthree', 'text')).toBeUndefined();
    expect(unsafeCharacter('one\ntwo', 'line')).toMatch(/U\+000A/);
  });

  it('refuses lone surrogates and keeps pairs (emoji)', () => {
    expect(unsafeCharacter('x\ud800y')).toBe('contains invalid Unicode (a lone surrogate U+D800) at character 2');
    expect(unsafeCharacter('\udc00')).toMatch(/U\+DC00/);
    expect(unsafeCharacter('🙂 ok 🙂', 'line')).toBeUndefined();
  });

  it('accepts exactly the strings that survive a UTF-8 round trip without NUL or controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        // eslint-disable-next-line no-control-regex
        const clean = Buffer.from(s, 'utf8').toString('utf8') === s && !/[\u0000-\u001f\u007f-\u009f]/.test(s);
        expect(unsafeCharacter(s, 'line') === undefined).toBe(clean);
      }),
    );
    // 100 runs take milliseconds alone; the CI's under-load pass (CPU hogs on both cores) took 6 s.
  }, 60_000);
});

describe('line and text schemas', () => {
  it('refuse with the reason and keep their bounds', () => {
    const name = line({ min: 1, max: 5 });
    expect(name.safeParse('Anna').success).toBe(true);
    expect(name.safeParse('').error?.issues[0]?.message).toBe('must not be empty');
    expect(name.safeParse('Annabel').error?.issues[0]?.message).toBe('must be at most 5 characters');
    expect(name.safeParse('A\u0000').error?.issues[0]?.message).toMatch(/control character \(U\+0000\)/);
    expect(text({ max: 20 }).safeParse('line one\nline two').success).toBe(true);
  });
});
