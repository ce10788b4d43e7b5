/**
 * Tables to CSV (RFC 4180: comma-separated, CRLF, fields with a comma, quote or line break
 * quoted, quotes doubled) and a download in the browser. Cells starting with =, +, - or @ are
 * prefixed with a quote so a spreadsheet never runs them as formulas (journey and variant names
 * are the marketer's own text). Numbers are written as they are.
 */
export interface CsvColumn<R> {
  header: string;
  value(row: R): string | number | null;
}

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<R>(rows: readonly R[], columns: ReadonlyArray<CsvColumn<R>>): string {
  const lines = [columns.map((c) => cell(c.header)).join(','), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
