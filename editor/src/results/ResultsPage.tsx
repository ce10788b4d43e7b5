/**
 * "What does this journey achieve?": headline figures, the daily series, random-split
 * experiments with their confidence intervals and a sentence, messages by channel, versions and
 * exits, each table exportable as CSV. Refreshes every few seconds while open. API only.
 */
import { useEffect, useMemo, useState } from 'react';
import type { RouterOutputs } from '../api/types.js';
import { serverApi } from '../api/server.js';
import { useSession } from '../api/session.js';
import { PageHeader } from '../pages/PageHeader.js';
import { RangePicker, type Range } from './RangePicker.js';
import { ResultsTable, type Column } from './ResultsTable.js';
import { SeriesChart } from './SeriesChart.js';
import { WinnerControl } from './WinnerControl.js';
import { count, duration, percent, points } from './format.js';
import './results.css';

type Results = RouterOutputs['results']['journey'];
type Experiment = Results['experiments'][number];

/** How often the page asks again (the figures move as customers convert). */
export const REFRESH_MS = 4000;

export function ResultsPage({ id }: { id: string }) {
  const session = useSession();
  const [range, setRange] = useState<Range>({ days: 30 });
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [data, setData] = useState<Results | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  /** Bumped after an action (a winner published): read again at once, not at the next poll. */
  const [reads, setReads] = useState(0);
  const local = session.status === 'local';

  useEffect(() => {
    if (local) return;
    let live = true;
    let busy = false;
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await serverApi().results.journey.query({ journeyId: id, range, ...(version !== undefined ? { version } : {}) });
        if (live) {
          setData(r);
          setError(undefined);
        }
      } catch (e) {
        if (live) setError((e as Error).message);
      } finally {
        busy = false;
      }
    };
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [id, range, version, local, reads]);

  const name = data?.journey.name ?? id;
  return (
    <div className="page results-page" data-testid="results-page">
      <PageHeader title={<>Results · {name}</>}>
        <a className="button-link" href={`#/j/${encodeURIComponent(id)}`} data-testid="results-open-editor">
          Open in editor
        </a>
        <RangePicker range={range} onChange={setRange} />
        <select
          aria-label="Version"
          data-testid="results-version"
          value={version ?? ''}
          onChange={(e) => setVersion(e.target.value === '' ? undefined : Number(e.target.value))}
        >
          <option value="">All versions</option>
          {Array.from({ length: data?.journey.liveVersion ?? 0 }, (_, i) => i + 1)
            .reverse()
            .map((v) => (
              <option key={v} value={v}>
                Version {v}
              </option>
            ))}
        </select>
        {data && (
          <span className="muted results-updated" data-testid="results-updated">
            {data.range.from} to {data.range.to} · updated {new Date(data.at).toLocaleTimeString()}
          </span>
        )}
      </PageHeader>
      <main className="results-body">
        {local && <p className="muted">Results live on the server: start the API (npm start).</p>}
        {error && (
          <p className="error" role="alert" data-testid="results-error">
            {error}
            {data && <span className="muted"> (the figures below are still those of {data.range.from} to {data.range.to})</span>}
          </p>
        )}
        {!data && !error && !local && <p className="muted">Loading…</p>}
        {notice && (
          <p className="results-notice" role="status" data-testid="results-notice">
            {notice}
          </p>
        )}
        {data && (
          <ResultsView
            data={data}
            onNotice={(m) => {
              setNotice(m);
              setReads((n) => n + 1);
            }}
          />
        )}
      </main>
    </div>
  );
}

function ResultsView({ data, onNotice }: { data: Results; onNotice(message: string): void }) {
  const live = data.journey.liveVersion !== null && data.journey.status !== 'archived';
  const h = data.headline;
  const file = (what: string) => `${data.journey.id}-${what}-${data.range.from}-${data.range.to}.csv`;
  const series = useMemo(
    () => [
      { label: 'Entered', color: '#2563eb', values: data.series.map((d) => d.entered) },
      { label: 'Converted', color: '#16a34a', values: data.series.map((d) => d.converted) },
      { label: 'Sent', color: '#6b7280', values: data.series.map((d) => d.sent) },
      { label: 'Failed', color: '#dc2626', values: data.series.map((d) => d.failed) },
    ],
    [data.series],
  );
  const days = useMemo(() => data.series.map((d) => d.day), [data.series]);
  return (
    <>
      <section className="results-tiles" aria-label="Headline figures">
        <Tile label="Entered" value={count(h.entered)} testId="tile-entered" />
        <Tile label="Converted" value={count(h.converted)} testId="tile-converted" />
        <Tile label="Conversion rate" value={percent(h.conversionRate)} testId="tile-rate" />
        <Tile label="Median time to convert" value={duration(h.medianSecondsToConvert)} testId="tile-median" />
        <Tile label="Still in the journey" value={count(h.running)} testId="tile-running" />
      </section>

      <section className="results-card">
        <h2>Day by day</h2>
        <SeriesChart days={days} series={series} />
        <ResultsTable
          caption="Daily figures"
          hidden
          rows={data.series}
          file={file('daily')}
          testId="table-daily"
          columns={[
            { header: 'Day', value: (d) => d.day },
            { header: 'Entered', value: (d) => d.entered, numeric: true },
            { header: 'Converted', value: (d) => d.converted, numeric: true },
            { header: 'Sent', value: (d) => d.sent, numeric: true },
            { header: 'Failed', value: (d) => d.failed, numeric: true },
            { header: 'Suppressed', value: (d) => d.suppressed, numeric: true },
          ]}
        />
      </section>

      {data.experiments.map((x) => (
        <ExperimentCard key={x.nodeId} x={x} file={file(`experiment-${x.nodeId}`)} journeyId={data.journey.id} live={live} onNotice={onNotice} />
      ))}

      <section className="results-card">
        <h2>Channels</h2>
        <ResultsTable
          caption="Messages by channel"
          rows={data.channels}
          file={file('channels')}
          testId="table-channels"
          empty="No messages in this period."
          columns={[
            { header: 'Channel', value: (c) => c.channel },
            { header: 'Messages', value: (c) => c.messages, numeric: true },
            { header: 'Sent', value: (c) => c.sent, numeric: true },
            { header: 'Delivered', value: (c) => c.delivered, numeric: true, title: 'Needs delivery receipts from the provider' },
            { header: 'Failed', value: (c) => c.failed, numeric: true, tone: 'bad' },
            { header: 'Suppressed', value: (c) => c.suppressed, numeric: true, tone: 'warn' },
            { header: 'Deferred', value: (c) => c.deferred, numeric: true },
            { header: 'Sending', value: (c) => c.sending, numeric: true },
            { header: 'Opened', value: (c) => c.opened, numeric: true, title: 'Messages whose open pixel loaded: mail scanners and privacy proxies load it too' },
            { header: 'Clicked', value: (c) => c.clicked, numeric: true, title: 'Messages with at least one tracked link followed (scanners follow some links too)' },
          ]}
        />
        <p className="muted" data-testid="engagement-caveat">
          Opened and clicked count messages, from Cairn's open pixel and tracked links (marketing email) and push click receipts; — when none was
          recorded. Mail scanners and privacy proxies (such as Apple Mail Privacy Protection) load pixels and follow links on delivery, so opens
          especially run high: compare them between branches, not as the share of people who read.
        </p>
      </section>

      <div className="results-pair">
        <section className="results-card">
          <h2>Versions</h2>
          <ResultsTable
            caption="Results by version"
            rows={h.versions}
            file={file('versions')}
            testId="table-versions"
            empty="Nobody entered in this period."
            columns={[
              { header: 'Version', value: (v) => v.version, numeric: true },
              { header: 'Entered', value: (v) => v.entered, numeric: true },
              { header: 'Converted', value: (v) => v.converted, numeric: true },
              { header: 'Conversion rate', value: (v) => v.conversionRate, numeric: true, show: percent },
              { header: 'Median time to convert (s)', value: (v) => v.medianSecondsToConvert, numeric: true, show: duration },
            ]}
          />
        </section>
        <section className="results-card">
          <h2>How customers left</h2>
          <ResultsTable
            caption="Exits by reason"
            rows={Object.entries(h.exited).map(([reason, n]) => ({ reason, n }))}
            file={file('exits')}
            testId="table-exits"
            empty="Nobody has left yet."
            columns={[
              { header: 'Reason', value: (r) => r.reason },
              { header: 'Customers', value: (r) => r.n, numeric: true },
            ]}
          />
        </section>
      </div>
    </>
  );
}

function ExperimentCard({ x, file, journeyId, live, onNotice }: { x: Experiment; file: string; journeyId: string; live: boolean; onNotice(message: string): void }) {
  const range = (i: { low: number; high: number }, show: (v: number) => string) => `${show(i.low)} to ${show(i.high)}`;
  const columns: Array<Column<Experiment['arms'][number]>> = [
    { header: 'Branch', value: (a) => (a.control ? `${a.label} (control)` : a.label) },
    { header: 'Customers', value: (a) => a.customers, numeric: true },
    { header: 'Converted', value: (a) => a.converted, numeric: true },
    { header: 'Conversion rate', value: (a) => a.rate, numeric: true, show: percent },
    { header: '95% CI', value: (a) => (a.customers ? range(a.ci, percent) : null), numeric: true, only: 'screen' },
    { header: '95% CI low', value: (a) => (a.customers ? a.ci.low : null), only: 'csv' },
    { header: '95% CI high', value: (a) => (a.customers ? a.ci.high : null), only: 'csv' },
    { header: 'vs control (points)', value: (a) => a.vsControl?.diff ?? null, numeric: true, show: (v) => (v === null ? '—' : points(v)) },
    { header: 'Difference 95% CI', value: (a) => (a.vsControl ? range(a.vsControl, points) : null), numeric: true, only: 'screen' },
    { header: 'Difference CI low', value: (a) => a.vsControl?.low ?? null, only: 'csv' },
    { header: 'Difference CI high', value: (a) => a.vsControl?.high ?? null, only: 'csv' },
    { header: 'Verdict', value: (a) => a.sentence, only: 'csv' },
  ];
  return (
    <section className="results-card" data-testid={`experiment-${x.nodeId}`}>
      <h2>Experiment: {x.title}</h2>
      <p className="muted">Conversions within {x.windowDays} days of the split, the same window for every branch (the holdout, if any, is the control).</p>
      <ResultsTable caption={`Experiment ${x.title}`} rows={x.arms} file={file} testId={`table-experiment-${x.nodeId}`} columns={columns} />
      <ul className="results-verdicts" data-testid={`verdicts-${x.nodeId}`}>
        {x.arms
          .filter((a) => a.sentence)
          .map((a) => (
            <li key={a.output} className={a.sentence!.endsWith('likely a real effect') ? 'real' : ''} data-testid={`verdict-${a.output}`}>
              {a.sentence!.startsWith(a.label) ? null : <strong>{a.label}: </strong>}
              {a.sentence}
            </li>
          ))}
      </ul>
      {live && (
        <WinnerControl journeyId={journeyId} nodeId={x.nodeId} variants={x.arms.filter((a) => a.output !== 'holdout').map((a) => ({ output: a.output, label: a.label }))} onDone={onNotice} />
      )}
    </section>
  );
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="results-tile" data-testid={testId}>
      <div className="results-tile-value">{value}</div>
      <div className="results-tile-label">{label}</div>
    </div>
  );
}
