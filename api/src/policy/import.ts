/**
 * Suppression CSV import. Three steps, and nothing is written to the suppression list unless
 * all of them pass: read and validate every row (progress recorded on the import row as it
 * goes), resolve every row's customer (unknown ones are row errors unless `skipUnknown`), then
 * write every suppression in one transaction. A refused file leaves its row-numbered errors on
 * the import row for the UI to show.
 */
import { z } from 'zod';
import type { Db } from '@cairn/db';
import { SuppressionCsvReader, type RowError, type SuppressionImportRow } from '@cairn/core';
import { line, text } from '../validation/text.js';
import { suppressMany } from './suppress.js';

export const ImportInput = z.object({
  csv: text({ max: 50_000_000 }),
  fileName: line({ max: 300 }).default(''),
  source: line({ min: 1, max: 200 }).default('import'),
  /** Skip rows naming no known customer (reported as warnings) instead of refusing the file. */
  skipUnknown: z.boolean().default(false),
});

const CHUNK = 64 * 1024;
const BATCH = 1_000;

export async function importSuppressions(db: Db, raw: z.input<typeof ImportInput>) {
  const input = ImportInput.parse(raw);
  const job = await db.suppressionImport.create({ data: { fileName: input.fileName, source: input.source, status: 'validating' } });
  const fail = async (errors: RowError[], moreErrors = 0, warnings: string[] = []) =>
    db.suppressionImport.update({
      where: { id: job.id },
      data: { status: 'failed', errors: errors as unknown as object[], warnings: moreErrors ? [...warnings, `${moreErrors} more errors not listed`] : warnings, finishedAt: new Date() },
    });

  // 1. Read and validate, chunk by chunk, recording progress.
  const reader = new SuppressionCsvReader();
  let reported = 0;
  for (let i = 0; i < input.csv.length; i += CHUNK) {
    reader.push(input.csv.slice(i, i + CHUNK));
    if (reader.result.total - reported >= 5_000) {
      reported = reader.result.total;
      await db.suppressionImport.update({ where: { id: job.id }, data: { totalRows: reported } });
    }
  }
  const parsed = reader.end();
  await db.suppressionImport.update({ where: { id: job.id }, data: { totalRows: parsed.total, duplicates: parsed.duplicates } });
  if (!parsed.ok) return fail(parsed.errors, parsed.moreErrors, parsed.warnings);

  // 2. Resolve customers: ids must exist; an email names every customer with that address.
  const warnings = [...parsed.warnings];
  const errors: RowError[] = [];
  const targets: Array<{ row: SuppressionImportRow; customerId: string }> = [];
  const ids = [...new Set(parsed.rows.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
  const emails = [...new Set(parsed.rows.flatMap((r) => (!r.customerId && r.email ? [r.email.toLowerCase()] : [])))];
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 10_000) {
    for (const c of await db.customer.findMany({ where: { id: { in: ids.slice(i, i + 10_000) } }, select: { id: true } })) known.add(c.id);
  }
  const byEmail = new Map<string, string[]>();
  for (let i = 0; i < emails.length; i += 10_000) {
    const rows = await db.customer.findMany({ where: { email: { in: emails.slice(i, i + 10_000), mode: 'insensitive' } }, select: { id: true, email: true } });
    for (const c of rows) byEmail.set(c.email!.toLowerCase(), [...(byEmail.get(c.email!.toLowerCase()) ?? []), c.id]);
  }
  for (const row of parsed.rows) {
    const found = row.customerId ? (known.has(row.customerId) ? [row.customerId] : []) : (byEmail.get(row.email!.toLowerCase()) ?? []);
    if (found.length === 0) {
      const what = row.customerId ? `no customer with id ${row.customerId}` : `no customer with email ${row.email}`;
      if (input.skipUnknown) warnings.push(`row ${row.row}: ${what} (skipped)`);
      else errors.push({ row: row.row, column: row.customerId ? 'customerId' : 'email', message: what });
      continue;
    }
    for (const customerId of found) targets.push({ row, customerId });
  }
  if (errors.length > 0) return fail(errors.slice(0, 1000), Math.max(0, errors.length - 1000), warnings.slice(0, 1000));

  // 3. Apply, all or nothing. Rows already suppressed the same way are left as they are.
  await db.suppressionImport.update({ where: { id: job.id }, data: { status: 'applying' } });
  let applied = 0;
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < targets.length; i += BATCH) {
        const batch = targets.slice(i, i + BATCH).map(({ row, customerId }) => ({
          customerId,
          channel: row.channel,
          reason: row.reason,
          source: input.source,
          importId: job.id,
          ...(row.note ? { note: row.note } : {}),
        }));
        applied += await suppressMany(tx, batch);
      }
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  return db.suppressionImport.update({
    where: { id: job.id },
    data: { status: 'done', appliedRows: applied, warnings: warnings.slice(0, 1000), finishedAt: new Date() },
  });
}
