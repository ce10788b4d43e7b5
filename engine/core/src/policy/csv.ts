/**
 * A small RFC 4180 CSV parser that takes its input in chunks, so a large upload is parsed as it
 * streams in. Handles quoted fields with commas, quotes ("") and line breaks, CRLF / LF / CR
 * line ends and a UTF-8 byte-order mark. Each record carries its 1-based row number (the row a
 * spreadsheet shows, which differs from the line number when a quoted field spans lines).
 */

export interface CsvRecord {
  row: number;
  fields: string[];
}

/** A CSV file that cannot be read, with the line it went wrong on. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(`row ${row}: ${message}`);
  }
}

/** A streaming RFC 4180 CSV parser: feed it chunks, get whole rows (quoted fields, embedded newlines). */
export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** Inside a quoted field, the previous character was a quote: closing, or the first of "". */
  private quotePending = false;
  /** The current field was quoted and its closing quote has been read. */
  private closed = false;
  private fieldStarted = false;
  private afterCr = false;
  private started = false;
  private row = 1;

  /** Feed the next chunk; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue; // CRLF: the record already ended at the CR
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
          this.closed = true; // and `c` is handled below as the character after the field
        } else {
          if (c === '"') this.quotePending = true;
          else this.field += c;
          continue;
        }
      }
      if (c === ',') this.endField();
      else if (c === '\n' || c === '\r') {
        this.afterCr = c === '\r';
        this.endRecord(out);
      } else if (this.closed) {
        throw new CsvError('text after a closing quote (quote the whole field)', this.row);
      } else if (c === '"') {
        if (this.fieldStarted) throw new CsvError('a quote inside an unquoted field (quote the whole field and double the quote)', this.row);
        this.inQuotes = true;
        this.fieldStarted = true;
      } else {
        this.field += c;
        this.fieldStarted = true;
      }
    }
    return out;
  }

  /** The input is complete; returns the last record when the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.inQuotes && !this.quotePending) throw new CsvError('a quoted field is not closed', this.row);
    this.inQuotes = false;
    this.quotePending = false;
    const out: CsvRecord[] = [];
    if (this.fieldStarted || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
    this.closed = false;
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    // A blank line is not a record, but it is a row of the file.
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (!blank) out.push({ row: this.row, fields: this.fields });
    this.fields = [];
    this.row++;
  }
}

/** Parse a whole string (or chunks) at once. */
export function parseCsv(input: string | Iterable<string>): CsvRecord[] {
  const p = new CsvParser();
  const out: CsvRecord[] = [];
  for (const chunk of typeof input === 'string' ? [input] : input) out.push(...p.push(chunk));
  out.push(...p.end());
  return out;
}
