/** One results table with its CSV export (the raw values, not the formatted ones). */
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
}

export function ResultsTable<R>({
  caption, rows, columns, file, testId, empty, hidden,
}: {
  caption: string;
  rows: readonly R[];
  columns: ReadonlyArray<Column<R>>;
  file: string;
  testId: string;
  empty?: string;
  /** Only the export shows (the chart above shows the figures). */
  hidden?: boolean;
}) {
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
              <th key={c.header} className={c.numeric ? 'num' : ''} title={c.title}>
                {c.header}
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
                    {text}
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
