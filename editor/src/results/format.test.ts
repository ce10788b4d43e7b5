import { describe, expect, it } from 'vitest';
import { duration } from './format.js';

describe('duration', () => {
  it('reads as a person writes it: no "2.0 days" or "2.0 h"', () => {
    expect(duration(45)).toBe('45 s');
    expect(duration(600)).toBe('10 min');
    expect(duration(2 * 3600)).toBe('2 h');
    expect(duration(2.4 * 3600)).toBe('2.4 h');
    expect(duration(1.5 * 86400)).toBe('1.5 days');
    expect(duration(2 * 86400)).toBe('2 days');
    expect(duration(2.04 * 86400)).toBe('2 days');
    expect(duration(null)).toBe('—');
  });
});
