import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what RFC 4180 needs quoted and defuses formulas', () => {
    const rows = [
      { name: 'Welcome, new', n: 3, note: 'say "hi"' },
      { name: '=HYPERLINK("x")', n: 0.25, note: null },
      { name: 'two\nlines', n: -1, note: '-5 points' },
    ];
    const csv = toCsv(rows, [
      { header: 'name', value: (r) => r.name },
      { header: 'n', value: (r) => r.n },
      { header: 'note', value: (r) => r.note },
    ]);
    expect(csv).toBe('name,n,note\r\n"Welcome, new",3,"say ""hi"""\r\n"\'=HYPERLINK(""x"")",0.25,\r\n"two\nlines",-1,\'-5 points\r\n');
  });
});
