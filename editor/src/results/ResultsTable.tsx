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
    <button className="link" data-testid={`${testId}-csv`} onClick={() => downloadCsv(file, toCsv(rows, columns))}>
      Export CSV
    </button>
  );
  if (hidden) return <div className="results-export">{exportButton}</div>;
  return (
    <div className="results-table-wrap">
      <table className="results-table" data-testid={testId}>
        <caption>
          <span>{caption}</span>
          {exportButton}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} className={c.numeric ? 'num' : ''} title={c.title}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty ?? 'Nothing yet.'}
              </td>
            </tr>
          )}
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => {
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
