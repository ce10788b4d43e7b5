import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, CsvParser, parseCsv } from './csv.js';

const fields = (input: string | string[]) => parseCsv(input).map((r) => r.fields);

describe('parseCsv', () => {
  it('plain rows, LF, CRLF and CR line ends, with or without a final line break', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,,c\n,\n')).toEqual([['a', '', 'c'], ['', '']]);
  });

  it('quoted fields: commas, doubled quotes, line breaks', () => {
    expect(fields('"a,b","say ""hi""","line1\r\nline2"\n')).toEqual([['a,b', 'say "hi"', 'line1\r\nline2']]);
    expect(fields('"",x\n')).toEqual([['', 'x']]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(fields('\uFEFFemail\nx@y.z\n')).toEqual([['email'], ['x@y.z']]);
  });

  it('numbers rows as a spreadsheet does: blank lines count, quoted line breaks do not', () => {
    const recs = parseCsv('h\n"multi\nline"\n\nlast\n');
    expect(recs.map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it('reports malformed quoting with the row', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvError);
    expect(() => parseCsv('a\nb"c\n')).toThrow(/row 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a\n"b"c\n')).toThrow(/row 2: text after a closing quote/);
  });

  it('gives the same records whatever the chunk boundaries (property)', () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a,b', 'q"q', 'l\nm', 'r\r\ns', ''));
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (rows, cuts, eol) => {
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const p of [...points, text.length]) {
          chunks.push(text.slice(prev, p));
          prev = p;
        }
        const whole = parseCsv(text);
        expect(parseCsv(chunks)).toEqual(whole);
        expect(whole.map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('a parser fed record by record returns each record as soon as it ends', () => {
    const p = new CsvParser();
    expect(p.push('a,b\n1,')).toEqual([{ row: 1, fields: ['a', 'b'] }]);
    expect(p.push('2')).toEqual([]);
    expect(p.push('\r')).toEqual([{ row: 2, fields: ['1', '2'] }]);
    expect(p.push('\n3,4')).toEqual([]);
    expect(p.end()).toEqual([{ row: 3, fields: ['3', '4'] }]);
  });
});
