/**
 * The customer list (issue 17): keyset pages, search by id/email/phone/attribute, merged profiles
 * hidden; CSV import through the upload route (a file with bad rows stores nothing, a good one is
 * applied in one go, consents included) and CSV export of a filter, on the real stack.
 */
import { describe, expect, it } from 'vitest';
import { useStack, type Stack } from './support/stack.js';

let s: Stack;
useStack((stack) => (s = stack));

async function upload(csv: string, cookie: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const job = await s.caller.customers.importStart({ fileName: 'test.csv' });
  const res = await fetch(`${s.url}/upload/customers/${job.id}`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'text/csv' }, body: csv });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('customer list', () => {
  it('pages by id with a cursor, searches by id, email, phone and attribute, and hides merged profiles', async () => {
    await s.db.customer.createMany({
      data: [
        ...Array.from({ length: 25 }, (_, i) => ({ id: `list-${String(i).padStart(2, '0')}`, email: `l${i}@example.com`, attributes: { plan: i % 5 === 0 ? 'pro' : 'free', seats: i } })),
        { id: 'list-zz-merged', email: 'gone@example.com', mergedInto: 'list-00' },
      ],
    });
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await s.caller.customers.list({ query: 'list-', limit: 10, ...(after ? { after } : {}) });
      pages.push(page.items.map((c) => c.id));
      after = page.next ?? undefined;
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual([...pages.flat()].sort());
    expect(pages.flat()).not.toContain('list-zz-merged');
    expect((await s.caller.customers.list({ query: 'L7@EXAMPLE' })).items.map((c) => c.id)).toEqual(['list-07']);
    expect((await s.caller.customers.list({ query: 'plan=pro' })).items.map((c) => c.id)).toEqual(['list-00', 'list-05', 'list-10', 'list-15', 'list-20']);
    expect((await s.caller.customers.list({ query: 'list-1', attribute: { key: 'seats', value: '12' } })).items.map((c) => c.id)).toEqual(['list-12']);
    expect((await s.caller.customers.list({ query: 'gone@' })).items).toEqual([]);
    const pro = await s.caller.segments.create({ name: 'List pro', definition: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' }] } });
    expect((await s.caller.customers.list({ query: 'list-', segmentId: pro.id, limit: 3 })).items.map((c) => c.id)).toEqual(['list-00', 'list-05', 'list-10']);
  });

  it('refuses a CSV with bad rows, naming each, and stores nothing of it', async () => {
    const cookie = await s.signIn();
    const csv = [
      'id,email,phone,timeZone,age:number,consent.news.email',
      'csv-ok-1,ok1@example.com,+33612345678,Europe/Paris,31,granted',
      'csv-bad-1,not-an-email,,,,',
      'csv-bad-2,,12345,Mars/Olympus,old,maybe',
      ',,,,,',
      'csv-ok-1,dup@example.com,,,,',
    ].join('\n');
    const r = await upload(csv, cookie);
    expect(r.status).toBe(422);
    expect(r.body.status).toBe('failed');
    const errors = r.body.errors as Array<{ row: number; column: string; message: string }>;
    expect(errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:email', '4:phone', '4:timeZone', '4:age:number', '4:consent.news.email', '5:id', '6:id']);
    expect(errors.find((e) => e.row === 6)?.message).toMatch(/also on row 2/);
    expect(await s.db.customer.count({ where: { id: { startsWith: 'csv-' } } })).toBe(0);
    expect(await s.db.consent.count({ where: { source: 'import' } })).toBe(0);
    expect(await s.db.customerImportRow.count()).toBe(0);
    // An unknown attribute type is a header error.
    const typed = await upload('id,age:integer\nx,1\n', cookie);
    expect((typed.body.errors as Array<{ message: string }>)[0]?.message).toMatch(/unknown attribute type "integer"/);
  });

  it('imports a good file in one go (progress recorded, consents kept, existing profiles merged) and exports the filter', async () => {
    const cookie = await s.signIn();
    await s.db.customer.create({ data: { id: 'csv-existing', email: 'old@example.com', attributes: { plan: 'free', keep: 'yes' } } });
    await s.db.customer.createMany({ data: [{ id: 'csv-survivor', attributes: { plan: 'free' } }, { id: 'csv-alias', mergedInto: 'csv-survivor' }] });
    const rows = Array.from({ length: 12_000 }, (_, i) => `csv-${i},c${i}@example.com,,,${i % 2 === 0 ? 'pro' : 'free'},${i},${i % 3 === 0 ? 'yes' : ''}`);
    const csv = ['id,email,phone,timeZone,plan,score:number,consent.news', 'csv-existing,,+14155550123,America/New_York,pro,7,no', 'csv-alias,alias@example.com,,,gold,,', ...rows].join('\r\n');
    const r = await upload(csv, cookie);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'done', totalRows: 12_002, appliedRows: 12_002 });
    expect(await s.db.customerImportRow.count()).toBe(0);
    // A row naming a merged profile updated the survivor; the pointer stays empty.
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'csv-survivor' } })).toMatchObject({ email: 'alias@example.com', attributes: { plan: 'gold' } });
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'csv-alias' } })).toMatchObject({ email: null, mergedInto: 'csv-survivor' });
    const existing = await s.db.customer.findUniqueOrThrow({ where: { id: 'csv-existing' } });
    expect(existing).toMatchObject({ email: 'old@example.com', phone: '+14155550123', timeZone: 'America/New_York', attributes: { plan: 'pro', keep: 'yes', score: 7 } });
    expect(await s.db.consent.count({ where: { source: 'import', status: 'granted', topic: 'news', channel: 'all' } })).toBe(4_000);
    expect(await s.db.consent.count({ where: { source: 'import', status: 'refused', customerId: 'csv-existing' } })).toBe(1);

    const res = await fetch(`${s.url}/export/customers.csv?query=${encodeURIComponent('csv-1')}&key=plan&value=pro`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('id,email,phone,timeZone,plan,score:number');
    const ids = lines.slice(1).map((l) => l.split(',')[0]);
    const expected = (await s.db.customer.findMany({ where: { id: { contains: 'csv-1' }, attributes: { path: ['plan'], equals: 'pro' } }, select: { id: true } })).map((c) => c.id).sort();
    expect(ids).toEqual(expected);
    expect(lines).toContain('csv-10,c10@example.com,,,pro,10');
    // Signed out: refused.
    expect((await fetch(`${s.url}/export/customers.csv`)).status).toBe(401);
  }, 60_000);
});
