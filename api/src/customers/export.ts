/**
 * CSV export of the customers a filter matches (the list's current filter), streamed in keyset
 * pages so a large table never sits in memory. Columns: id, email, phone, timeZone, then one
 * column per attribute, typed the way the import reads them back (`age:number`, `vip:boolean`),
 * so an exported file imports again unchanged. Nested values are written as JSON text.
 */
import { stringify } from 'csv-stringify';
import type { Db } from '@cairn/db';
import { filterSql, type CustomerFilter } from './filter.js';
import { listCustomers } from './list.js';

const PAGE = 1_000;

/** Every attribute name of the matching customers, with the import type its values all share. */
async function attributeColumns(db: Db, filter: CustomerFilter): Promise<Array<{ name: string; header: string }>> {
  const rows = await db.$queryRaw<Array<{ k: string; t: string }>>`
    SELECT DISTINCT e.key AS k, jsonb_typeof(e.value) AS t
    FROM "Customer" c, jsonb_each(c.attributes) e
    WHERE ${filterSql(filter)} AND jsonb_typeof(c.attributes) = 'object' AND jsonb_typeof(e.value) <> 'null'`;
  const types = new Map<string, Set<string>>();
  for (const r of rows) types.set(r.k, (types.get(r.k) ?? new Set()).add(r.t));
  return [...types.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, t]) => ({ name, header: t.size === 1 && t.has('number') ? `${name}:number` : t.size === 1 && t.has('boolean') ? `${name}:boolean` : name }));
}

/** The CSV, chunk by chunk. */
export async function* exportCustomers(db: Db, filter: CustomerFilter): AsyncGenerator<string> {
  const columns = await attributeColumns(db, filter);
  const out = stringify({ header: true, columns: ['id', 'email', 'phone', 'timeZone', ...columns.map((c) => c.header)] });
  const feed = (async () => {
    let after: string | undefined;
    for (;;) {
      const page = await listCustomers(db, { ...filter, limit: PAGE, after });
      for (const c of page.items) {
        const attrs = (c.attributes ?? {}) as Record<string, unknown>;
        const row = [c.id, c.email ?? '', c.phone ?? '', c.timeZone ?? '', ...columns.map((col) => cell(attrs[col.name]))];
        if (!out.write(row)) await new Promise((res) => out.once('drain', res));
      }
      if (!page.next) break;
      after = page.next;
    }
    out.end();
  })();
  feed.catch((err: Error) => out.destroy(err));
  for await (const chunk of out) yield String(chunk);
  await feed;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
