/**
 * Customer CSV import, all or nothing:
 *   1. the file is streamed through csv-parse; every row is read and validated (csv-columns.ts),
 *      and the import row records how many rows were read as it goes (the page's progress);
 *   2. a file with any bad row is refused with every error (row, column, message; the first
 *      1,000) and nothing is written;
 *   3. otherwise every customer is written in ONE transaction: created, or updated (attributes
 *      merged with `||` like every profile write, email/phone/time zone replaced when given),
 *      consents appended (source "import"). A row naming a merged profile updates the survivor.
 * An import does not start journeys: it is not an event.
 */
import { parse } from 'csv-parse';
import type { Db, Prisma } from '@cairn/db';
import { readHeader, readRow, type Column, type ImportedCustomer, type RowError } from './csv-columns.js';

const MAX_ERRORS = 1_000;
const BATCH = 1_000;
const PROGRESS_EVERY = 5_000;

/** The outcome written on the CustomerImport row. */
export type ImportOutcome = { ok: true; applied: number; total: number } | { ok: false; errors: RowError[]; total: number };

/** Reads `source` (the request body, or any byte stream) and applies it under the import `jobId`. */
export async function importCustomers(db: Db, jobId: string, source: AsyncIterable<Buffer | string> | NodeJS.ReadableStream): Promise<ImportOutcome> {
  const outcome = await readAndApply(db, jobId, source).catch((err: unknown): ImportOutcome => {
    // A file csv-parse cannot read at all (an unclosed quote…): its line is in the message.
    const e = err as Error & { lines?: number; code?: string };
    if (!e.code?.startsWith('CSV_')) throw err;
    return { ok: false, total: 0, errors: [{ row: e.lines ?? 0, column: '(file)', message: e.message }] };
  });
  await db.customerImport.update({
    where: { id: jobId },
    data: outcome.ok
      ? { status: 'done', totalRows: outcome.total, appliedRows: outcome.applied, finishedAt: new Date() }
      : { status: 'failed', totalRows: outcome.total, errors: outcome.errors as unknown as Prisma.InputJsonValue, finishedAt: new Date() },
  });
  return outcome;
}

async function readAndApply(db: Db, jobId: string, source: AsyncIterable<Buffer | string> | NodeJS.ReadableStream): Promise<ImportOutcome> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  if ('pipe' in source) source.pipe(parser);
  else void pump(source, parser);
  let columns: Column[] | undefined;
  const errors: RowError[] = [];
  const customers: ImportedCustomer[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!columns) {
      const header = readHeader(record);
      if (header.errors.length) return { ok: false, total: 0, errors: header.errors };
      columns = header.columns;
      continue;
    }
    total++;
    const r = readRow(columns, record, info.lines);
    if (r.customer) {
      const first = seen.get(r.customer.id);
      if (first !== undefined) r.errors.push({ row: info.lines, column: 'id', message: `"${r.customer.id}" is also on row ${first}` });
      else seen.set(r.customer.id, info.lines);
    }
    if (r.errors.length) {
      if (errors.length < MAX_ERRORS) errors.push(...r.errors.slice(0, MAX_ERRORS - errors.length));
    } else if (r.customer && errors.length === 0) customers.push(r.customer);
    if (total % PROGRESS_EVERY === 0) await db.customerImport.update({ where: { id: jobId }, data: { totalRows: total } });
  }
  if (!columns) return { ok: false, total: 0, errors: [{ row: 1, column: '(file)', message: 'the file is empty: it needs a header row and one row per customer' }] };
  if (errors.length) return { ok: false, total, errors };
  await db.customerImport.update({ where: { id: jobId }, data: { status: 'applying', totalRows: total } });
  await db.$transaction((tx) => applyAll(tx, customers), { timeout: 600_000, maxWait: 30_000 });
  return { ok: true, applied: customers.length, total };
}

async function pump(source: AsyncIterable<Buffer | string>, into: NodeJS.WritableStream): Promise<void> {
  try {
    for await (const chunk of source) if (!into.write(chunk)) await new Promise((r) => into.once('drain', r));
    into.end();
  } catch (err) {
    (into as unknown as { destroy(e: Error): void }).destroy(err as Error);
  }
}

type Tx = Prisma.TransactionClient;

async function applyAll(tx: Tx, customers: ImportedCustomer[]): Promise<void> {
  for (let i = 0; i < customers.length; i += BATCH) {
    const batch = customers.slice(i, i + BATCH);
    // Rows naming a merged profile go to the surviving one (Customer.mergedInto).
    const pointers = await tx.customer.findMany({ where: { id: { in: batch.map((c) => c.id) }, mergedInto: { not: null } }, select: { id: true, mergedInto: true } });
    const live = new Map(pointers.map((p) => [p.id, p.mergedInto as string]));
    const rows = batch.map((c) => ({
      id: live.get(c.id) ?? c.id,
      email: c.email ?? null,
      phone: c.phone ?? null,
      timeZone: c.timeZone ?? null,
      attributes: c.attributes,
    }));
    await tx.$executeRaw`
      INSERT INTO "Customer" (id, email, phone, "timeZone", attributes, "updatedAt")
      SELECT r.id, r.email, r.phone, r."timeZone", r.attributes, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, email text, phone text, "timeZone" text, attributes jsonb)
      ON CONFLICT (id) DO UPDATE SET
        email = COALESCE(EXCLUDED.email, "Customer".email),
        phone = COALESCE(EXCLUDED.phone, "Customer".phone),
        "timeZone" = COALESCE(EXCLUDED."timeZone", "Customer"."timeZone"),
        attributes = "Customer".attributes || EXCLUDED.attributes,
        "updatedAt" = now()`;
    const consents = batch.flatMap((c) => c.consents.map((k) => ({ customerId: live.get(c.id) ?? c.id, topic: k.topic, channel: k.channel, status: k.status, source: 'import' })));
    if (consents.length) await tx.consent.createMany({ data: consents });
  }
}
