import { describe, expect, it } from 'vitest';
import { readSuppressionCsv, SuppressionCsvReader } from './suppression-csv.js';

describe('readSuppressionCsv', () => {
  it('reads valid rows with defaults and aliases', async () => {
    const csv = '\uFEFFCustomer ID,Email,Channel,Reason,Notes\r\nc1,,email,hard_bounce,\r\n,a@b.co,,,"from ""old"" tool"\r\nc3,,SMS,Spam Complaint,\r\n';
    const r = await readSuppressionCsv(csv);
    expect(r).toMatchObject({ ok: true, total: 3, errors: [], warnings: [], duplicates: 0 });
    expect(r.rows).toEqual([
      { row: 2, customerId: 'c1', channel: 'email', reason: 'hard_bounce' },
      { row: 3, email: 'a@b.co', channel: 'all', reason: 'imported', note: 'from "old" tool' },
      { row: 4, customerId: 'c3', channel: 'sms', reason: 'spam_complaint' },
    ]);
  });

  it('reports every bad row with its number and applies nothing', async () => {
    const csv = ['customer_id,email,channel,reason', 'c1,,email,unsubscribed', ',,email,unsubscribed', 'c3,,fax,unsubscribed', 'c4,,email,bored', 'c5,not-an-email,,', 'c6,,email,manual'].join('\n');
    const r = await readSuppressionCsv(csv);
    expect(r.ok).toBe(false);
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'customerId'],
      [4, 'channel'],
      [5, 'reason'],
      [6, 'email'],
    ]);
    expect(r.errors[1]?.message).toMatch(/channel \("fax"\)/);
    expect(r.total).toBe(6);
  });

  it('needs a customer id or email column, and a header at all', async () => {
    expect((await readSuppressionCsv('channel,reason\nemail,manual\n')).errors).toEqual([{ row: 1, message: 'the header needs a customer_id or an email column' }]);
    expect((await readSuppressionCsv('')).errors).toEqual([{ row: 1, message: 'the file is empty (expected a header row)' }]);
  });

  it('warns about unused columns, rejects rows wider than the header', async () => {
    const r = await readSuppressionCsv('id,colour\nc1,blue\nc2,red,extra\n');
    expect(r.warnings).toEqual(['column "colour" is not used']);
    expect(r.errors).toEqual([{ row: 3, message: '3 fields, but the header has 2' }]);
  });

  it('keeps the first of duplicate rows', async () => {
    const r = await readSuppressionCsv('id,channel\nc1,email\nc1,EMAIL\nc1,sms\n');
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
    expect(r.duplicates).toBe(1);
  });

  it('broken quoting stops the file with the row', async () => {
    const r = await readSuppressionCsv('id\nc1\n"c2\n');
    expect(r).toMatchObject({ ok: false, rows: [], errors: [{ row: 3, message: 'a quoted field is not closed' }] });
  });

  it('streams chunks (async) and reports progress', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `c${i},email,unsubscribed`);
    const text = `customer_id,channel,reason\n${rows.join('\n')}\n`;
    async function* chunks() {
      for (let i = 0; i < text.length; i += 997) yield text.slice(i, i + 997);
    }
    const progress: number[] = [];
    const r = await readSuppressionCsv(chunks(), { onProgress: (p) => progress.push(p.rows) });
    expect(r.ok).toBe(true);
    expect(r.rows).toHaveLength(2500);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(2500);
  });

  it('caps the error list but counts the rest; caps the row count', async () => {
    const bad = Array.from({ length: 30 }, () => ',,email,x').join('\n');
    const r = await readSuppressionCsv(`id,email,channel,reason\n${bad}\n`, { maxErrors: 10 });
    expect(r.errors).toHaveLength(10);
    expect(r.moreErrors).toBeGreaterThan(0);
    const big = new SuppressionCsvReader({ maxRows: 2 });
    big.push('id\na\nb\nc\n');
    expect(big.end().errors).toEqual([{ row: 4, message: 'more than 2 rows; split the file' }]);
  });
});
