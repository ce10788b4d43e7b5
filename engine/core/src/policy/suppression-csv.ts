/**
 * Suppression lists from CSV (exports of other tools, a spreadsheet kept by support). The whole
 * file is read and validated before anything is applied: the caller gets either every row ready
 * to write in one transaction, or the list of row-numbered errors and writes nothing.
 *
 * Columns (header row, any order, case and "_"/"-"/spaces ignored): customer_id (or user_id, id)
 * and/or email — one of them per row; channel (email, sms, push, chat, all; empty = all); reason
 * (unsubscribed, refused_contact, hard_bounce, spam_complaint, manual, imported; empty = imported);
 * note. Unknown columns are reported as warnings and ignored.
 */
import { z } from 'zod';
import { CsvError, CsvParser, type CsvRecord } from './csv.js';
import { SuppressionChannel, SuppressionReason } from './types.js';

type Column = 'customerId' | 'email' | 'channel' | 'reason' | 'note';

const COLUMN_ALIASES: Record<string, Column> = {
  customerid: 'customerId',
  customer: 'customerId',
  userid: 'customerId',
  id: 'customerId',
  email: 'email',
  emailaddress: 'email',
  channel: 'channel',
  reason: 'reason',
  note: 'note',
  notes: 'note',
  comment: 'note',
};

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

/** One valid row, ready to become a Suppression. */
export const SuppressionImportRow = z
  .object({
    customerId: z.preprocess(blankToUndefined, z.string().max(256).optional()),
    email: z.preprocess(blankToUndefined, z.email('is not an email address').optional()),
    channel: z.preprocess((v) => (blankToUndefined(v) as string | undefined)?.toLowerCase() ?? 'all', SuppressionChannel),
    reason: z.preprocess((v) => (blankToUndefined(v) as string | undefined)?.toLowerCase().replace(/[\s-]+/g, '_') ?? 'imported', SuppressionReason),
    note: z.preprocess(blankToUndefined, z.string().max(1000).optional()),
  })
  .refine((r) => r.customerId !== undefined || r.email !== undefined, { message: 'needs a customer id or an email', path: ['customerId'] });
export type SuppressionImportRow = z.infer<typeof SuppressionImportRow> & { row: number };

/** A CSV row that was not imported, with its line and why. */
export interface RowError {
  /** Row in the file (1 = header). */
  row: number;
  column?: string;
  message: string;
}

/**
 * A suppression CSV read: the rows to import, the rows refused (and how many more), warnings, totals and
 * duplicates.
 */
export interface SuppressionImport {
  ok: boolean;
  rows: SuppressionImportRow[];
  errors: RowError[];
  /** Errors beyond the ones listed (the list is capped). */
  moreErrors: number;
  warnings: string[];
  /** Data rows read (blank lines excluded). */
  total: number;
  /** Rows repeating an earlier (customer or email, channel): kept once. */
  duplicates: number;
}

/** Limits for reading a suppression CSV, and a progress callback for long files. */
export interface ReaderOptions {
  maxRows?: number;
  maxErrors?: number;
  onProgress?: (p: { rows: number; errors: number }) => void;
}

/** Validates a suppression CSV chunk by chunk. */
export class SuppressionCsvReader {
  private readonly csv = new CsvParser();
  private columns: Array<Column | undefined> | null = null;
  private readonly seen = new Set<string>();
  private fatal = false;
  readonly result: SuppressionImport = { ok: false, rows: [], errors: [], moreErrors: 0, warnings: [], total: 0, duplicates: 0 };

  constructor(private readonly opts: ReaderOptions = {}) {}

  push(chunk: string): void {
    if (this.fatal) return;
    this.guard(() => this.csv.push(chunk));
  }

  end(): SuppressionImport {
    if (!this.fatal) this.guard(() => this.csv.end());
    if (!this.fatal && this.columns === null) this.error({ row: 1, message: 'the file is empty (expected a header row)' });
    const r = this.result;
    r.ok = r.errors.length === 0 && r.moreErrors === 0;
    if (!r.ok) r.rows = []; // nothing half-applied: no rows at all when any row is wrong
    return r;
  }

  private guard(step: () => CsvRecord[]): void {
    try {
      for (const rec of step()) this.record(rec);
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      this.fatal = true;
      this.error({ row: err.row, message: err.message.replace(/^row \d+: /, '') });
    }
    this.opts.onProgress?.({ rows: this.result.total, errors: this.result.errors.length + this.result.moreErrors });
  }

  private error(e: RowError): void {
    if (this.result.errors.length < (this.opts.maxErrors ?? 1000)) this.result.errors.push(e);
    else this.result.moreErrors++;
  }

  private header(rec: CsvRecord): void {
    this.columns = rec.fields.map((f) => {
      const key = f.trim().toLowerCase().replace(/[\s_-]+/g, '');
      const col = COLUMN_ALIASES[key];
      if (!col) this.result.warnings.push(`column "${f}" is not used`);
      return col;
    });
    if (!this.columns.includes('customerId') && !this.columns.includes('email')) {
      this.fatal = true;
      this.error({ row: rec.row, message: 'the header needs a customer_id or an email column' });
    }
  }

  private record(rec: CsvRecord): void {
    if (this.fatal) return;
    if (this.columns === null) return this.header(rec);
    const r = this.result;
    r.total++;
    if (r.total > (this.opts.maxRows ?? 1_000_000)) {
      this.fatal = true;
      return this.error({ row: rec.row, message: `more than ${this.opts.maxRows ?? 1_000_000} rows; split the file` });
    }
    if (rec.fields.length > this.columns.length) {
      return this.error({ row: rec.row, message: `${rec.fields.length} fields, but the header has ${this.columns.length}` });
    }
    const raw: Record<string, string> = {};
    this.columns.forEach((col, i) => {
      if (col) raw[col] = rec.fields[i] ?? '';
    });
    const parsed = SuppressionImportRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        const value = raw[column];
        const shown = value !== undefined && value !== '' ? ` ("${value.slice(0, 60)}")` : '';
        this.error({ row: rec.row, column, message: `${column}${shown}: ${issue.message}` });
      }
      return;
    }
    const key = `${parsed.data.customerId ?? ''}\u0000${parsed.data.email?.toLowerCase() ?? ''}\u0000${parsed.data.channel}`;
    if (this.seen.has(key)) {
      r.duplicates++;
      return;
    }
    this.seen.add(key);
    r.rows.push({ ...parsed.data, row: rec.row });
  }
}

/** Read and validate a whole suppression CSV from a string or a (possibly async) stream of chunks. */
export async function readSuppressionCsv(
  source: string | Iterable<string> | AsyncIterable<string>,
  opts: ReaderOptions = {},
): Promise<SuppressionImport> {
  const reader = new SuppressionCsvReader(opts);
  if (typeof source === 'string') reader.push(source);
  else for await (const chunk of source) reader.push(chunk);
  return reader.end();
}
