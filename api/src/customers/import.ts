/**
 * Customer CSV import, all or nothing:
 *   1. the file is streamed through csv-parse; every row is read and validated (csv-columns.ts)
 *      and the valid ones staged in CustomerImportRow in batches (the file is never held in
 *      memory; a repeated id is found by the staging table's key, also after another row failed). The import row
 *      records how many rows were read as it goes (the page's progress);
 *   2. a file with any bad row is refused with every error (row, column, message; the first
 *      1,000), its staged rows deleted, and nothing is written to customers;
 *   3. otherwise every staged customer is written in ONE transaction: created, or updated
 *      (attributes merged with `||` like every profile write, email/phone/time zone replaced when
 *      given), consents appended (source "import"); the staged rows go in the same transaction.
 *      A row naming a merged profile updates the survivor.
 * An import does not start journeys: it is not an event. The customers it gave an email or phone
 * another known customer has are returned (`sharesAddress`), for the merge by the same address
 * (identity/by-address.ts) when the workspace has it on.
 */
import { parse } from 'csv-parse';
import { Prisma } from '@cairn/db';
import type { Db } from '@cairn/db';
import { emailKeySql, phoneKeySql } from '../identity/match-keys.js';
import { readHeader, readRow, type Column, type ImportedCustomer, type RowError } from './csv-columns.js';

const MAX_ERRORS = 1_000;
const BATCH = 1_000;
const PROGRESS_EVERY = 5_000;

/** The outcome written on the CustomerImport row. */
export type ImportOutcome = { ok: true; applied: number; total: number; sharesAddress: string[] } | { ok: false; errors: RowError[]; total: number };

type Source = AsyncIterable<Buffer | string> | NodeJS.ReadableStream;

/** Reads `source` (the request body, or any byte stream) and applies it under the import `jobId`. */
/** `matchAddresses`: list the customers given another known customer's email or phone (`sharesAddress`). */
export async function importCustomers(db: Db, jobId: string, source: Source, opts: { matchAddresses?: boolean } = {}): Promise<ImportOutcome> {
  const outcome = await readAndApply(db, jobId, source, opts).catch((err: unknown): ImportOutcome => {
    // A file csv-parse cannot read at all (an unclosed quote…): its line is in the message.
    const e = err as Error & { lines?: number; code?: string };
    if (!e.code?.startsWith('CSV_')) throw err;
    return { ok: false, total: 0, errors: [{ row: e.lines ?? 0, column: '(file)', message: e.message }] };
  });
  if (!outcome.ok) await db.$executeRaw`DELETE FROM "CustomerImportRow" WHERE "importId" = ${jobId}`;
  await db.customerImport.update({
    where: { id: jobId },
    data: outcome.ok
      ? { status: 'done', totalRows: outcome.total, appliedRows: outcome.applied, finishedAt: new Date() }
      : { status: 'failed', totalRows: outcome.total, errors: outcome.errors as unknown as Prisma.InputJsonValue, finishedAt: new Date() },
  });
  return outcome;
}

async function readAndApply(db: Db, jobId: string, source: Source, opts: { matchAddresses?: boolean }): Promise<ImportOutcome> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  if ('pipe' in source) source.pipe(parser);
  else void pump(source, parser);
  let columns: Column[] | undefined;
  const errors: RowError[] = [];
  const addErrors = (more: RowError[]) => errors.length < MAX_ERRORS && errors.push(...more.slice(0, MAX_ERRORS - errors.length));
  let batch: ImportedCustomer[] = [];
  let total = 0;
  let staged = 0;
  const flush = async () => {
    if (batch.length) addErrors(await stage(db, jobId, batch));
    staged += batch.length;
    batch = [];
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!columns) {
      const header = readHeader(record);
      if (header.errors.length) return { ok: false, total: 0, errors: header.errors };
      columns = header.columns;
      continue;
    }
    total++;
    const r = readRow(columns, record, info.lines);
    if (r.errors.length) addErrors(r.errors);
    else if (r.customer) batch.push(r.customer);
    if (batch.length >= BATCH) await flush();
    if (total % PROGRESS_EVERY === 0) await db.customerImport.update({ where: { id: jobId }, data: { totalRows: total } });
  }
  if (!columns) return { ok: false, total: 0, errors: [{ row: 1, column: '(file)', message: 'the file is empty: it needs a header row and one row per customer' }] };
  await flush();
  if (errors.length) return { ok: false, total, errors: errors.sort((a, b) => a.row - b.row) };
  await db.customerImport.update({ where: { id: jobId }, data: { status: 'applying', totalRows: total } });
  const sharesAddress = await db.$transaction((tx) => applyStaged(tx, jobId, opts.matchAddresses ?? false), { timeout: 600_000, maxWait: 30_000 });
  return { ok: true, applied: staged, total, sharesAddress };
}

async function pump(source: AsyncIterable<Buffer | string>, into: NodeJS.WritableStream): Promise<void> {
  try {
    for await (const chunk of source) if (!into.write(chunk)) await new Promise((r) => into.once('drain', r));
    into.end();
  } catch (err) {
    (into as unknown as { destroy(e: Error): void }).destroy(err as Error);
  }
}

/** Stages a batch; the errors of ids already staged (in this batch or an earlier one). */
async function stage(db: Db, jobId: string, batch: ImportedCustomer[]): Promise<RowError[]> {
  const rows = batch.map((c) => ({ id: c.id, row: c.row, email: c.email ?? null, phone: c.phone ?? null, timeZone: c.timeZone ?? null, attributes: c.attributes, consents: c.consents }));
  const inserted = await db.$queryRaw<Array<{ row: number }>>`
    INSERT INTO "CustomerImportRow" ("importId", id, row, email, phone, "timeZone", attributes, consents)
    SELECT ${jobId}, r.id, r.row, r.email, r.phone, r."timeZone", r.attributes, r.consents
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, row int, email text, phone text, "timeZone" text, attributes jsonb, consents jsonb)
    ON CONFLICT ("importId", id) DO NOTHING
    RETURNING row`;
  if (inserted.length === batch.length) return [];
  const took = new Set(inserted.map((r) => r.row));
  const repeated = batch.filter((c) => !took.has(c.row));
  const first = await db.customerImportRow.findMany({ where: { importId: jobId, id: { in: repeated.map((c) => c.id) } }, select: { id: true, row: true } });
  const rowOf = new Map(first.map((f) => [f.id, f.row]));
  return repeated.map((c) => ({ row: c.row, column: 'id', message: `"${c.id}" is also on row ${rowOf.get(c.id) ?? '?'}` }));
}

/**
 * Writes every staged row of the import, then removes them: one transaction (the caller's).
 * With `matchAddresses`, returns the customers whose imported email or phone another known live
 * customer has (else none).
 */
async function applyStaged(tx: Prisma.TransactionClient, jobId: string, matchAddresses: boolean): Promise<string[]> {
  // A row naming a merged profile goes to the surviving one (Customer.mergedInto).
  await tx.$executeRaw`
    INSERT INTO "Customer" (id, email, phone, "timeZone", attributes, "updatedAt")
    SELECT COALESCE(p."mergedInto", r.id), r.email, r.phone, r."timeZone", r.attributes, now()
    FROM "CustomerImportRow" r LEFT JOIN "Customer" p ON p.id = r.id
    WHERE r."importId" = ${jobId}
    ON CONFLICT (id) DO UPDATE SET
      email = COALESCE(EXCLUDED.email, "Customer".email),
      phone = COALESCE(EXCLUDED.phone, "Customer".phone),
      "timeZone" = COALESCE(EXCLUDED."timeZone", "Customer"."timeZone"),
      attributes = "Customer".attributes || EXCLUDED.attributes,
      "updatedAt" = now()`;
  await tx.$executeRaw`
    INSERT INTO "Consent" (id, "customerId", topic, channel, status, source)
    SELECT gen_random_uuid()::text, COALESCE(p."mergedInto", r.id), k.topic, k.channel, k.status::"ConsentStatus", 'import'
    FROM "CustomerImportRow" r
    LEFT JOIN "Customer" p ON p.id = r.id
    CROSS JOIN LATERAL jsonb_to_recordset(r.consents) AS k(topic text, channel text, status text)
    WHERE r."importId" = ${jobId}`;
  // Equality joins on the normalised keys: one hash join each, whatever the file's size.
  const shares = matchAddresses
    ? await tx.$queryRaw<Array<{ id: string }>>`
        WITH r AS (
          SELECT COALESCE(p."mergedInto", r.id) AS id, ${emailKeySql(Prisma.raw('r.email'))} AS email, ${phoneKeySql(Prisma.raw('r.phone'))} AS phone
            FROM "CustomerImportRow" r LEFT JOIN "Customer" p ON p.id = r.id
           WHERE r."importId" = ${jobId} AND (r.email IS NOT NULL OR r.phone IS NOT NULL))
        SELECT r.id FROM r JOIN "Customer" c ON ${emailKeySql(Prisma.raw('c.email'))} = r.email
         WHERE c."mergedInto" IS NULL AND c.email IS NOT NULL AND NOT c.anonymous AND c.id <> r.id
        UNION
        SELECT r.id FROM r JOIN "Customer" c ON ${phoneKeySql(Prisma.raw('c.phone'))} = r.phone
         WHERE c."mergedInto" IS NULL AND c.phone IS NOT NULL AND NOT c.anonymous AND c.id <> r.id`
    : [];
  await tx.$executeRaw`DELETE FROM "CustomerImportRow" WHERE "importId" = ${jobId}`;
  return shares.map((s) => s.id);
}
