/**
 * One results table with its CSV export (the raw values, not the formatted ones, in the order
 * shown). `sortable`: a click on a header sorts by that column (again: the other way round).
 */
import { useMemo, useState } from 'react';
import { downloadCsv, toCsv } from './csv.js';

export interface Column<R> {
  header: string;
  value(row: R): string | number | null;
  /** How the value reads on screen (the CSV keeps the raw value). */
  show?(value: number | null): string;
  numeric?: boolean;
  tone?: 'bad' | 'warn';
  title?: string;
  wide?: boolean;
  /** Only in the CSV (raw figures a screen cell shows combined), or only on screen. */
  only?: 'csv' | 'screen';
  /** The cell links there (e.g. a journey's results). */
  href?(row: R): string;
}

/** Nulls last; numbers and text in their natural order. */
function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

export function ResultsTable<R>({
  caption, rows: given, columns, file, testId, empty, hidden, sortable,
}: {
  caption: string;
  rows: readonly R[];
  columns: ReadonlyArray<Column<R>>;
  file: string;
  testId: string;
  empty?: string;
  /** Only the export shows (the chart above shows the figures). */
  hidden?: boolean;
  sortable?: boolean;
}) {
  const [sort, setSort] = useState<{ header: string; desc: boolean }>();
  const rows = useMemo(() => {
    const col = sort && columns.find((c) => c.header === sort.header);
    if (!col) return given;
    return [...given].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      // Nulls stay last whichever way round.
      if (va === null || vb === null) return compare(va, vb);
      return sort.desc ? -compare(va, vb) : compare(va, vb);
    });
  }, [given, columns, sort]);
  const exportButton = (
    <button className="link" data-testid={`${testId}-csv`} onClick={() => downloadCsv(file, toCsv(rows, columns.filter((c) => c.only !== 'screen')))}>
      Export CSV
    </button>
  );
  if (hidden) return <div className="results-export">{exportButton}</div>;
  const shown = columns.filter((c) => c.only !== 'csv');
  return (
    <div className="results-table-wrap">
      <div className="results-table-head">
        <span>{caption}</span>
        {exportButton}
      </div>
      <table className="results-table" data-testid={testId} aria-label={caption}>
        <thead>
          <tr>
            {shown.map((c) => (
              <th
                key={c.header}
                className={c.numeric ? 'num' : ''}
                title={c.title}
                aria-sort={sort?.header === c.header ? (sort.desc ? 'descending' : 'ascending') : undefined}
              >
                {sortable ? (
                  <button
                    className="link results-sort"
                    data-testid={`${testId}-sort-${c.header}`}
                    // Figures sort biggest first, names A to Z; a second click turns it round.
                    onClick={() => setSort((s) => ({ header: c.header, desc: s?.header === c.header ? !s.desc : !!c.numeric }))}
                  >
                    {c.header}
                    {sort?.header === c.header ? (sort.desc ? ' ▾' : ' ▴') : ''}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={shown.length} className="muted">
                {empty ?? 'Nothing yet.'}
              </td>
            </tr>
          )}
          {rows.map((r, i) => (
            <tr key={i}>
              {shown.map((c) => {
                const v = c.value(r);
                const text = c.show ? c.show(typeof v === 'number' ? v : null) : v === null ? '—' : typeof v === 'number' ? v.toLocaleString('en') : v;
                const tone = c.tone && typeof v === 'number' && v > 0 ? c.tone : '';
                return (
                  <td key={c.header} className={[c.numeric ? 'num' : '', tone, c.wide ? 'wide' : ''].join(' ').trim()} title={c.title}>
                    {c.href ? <a href={c.href(r)}>{text}</a> : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
