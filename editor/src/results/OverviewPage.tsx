/**
 * All journeys' results side by side (#/results): entered, converted, conversion rate, lift over
 * the holdout with its interval, messages sent and failed, sortable by any column; and conversion
 * per channel across journeys, and both per lifecycle stage (StagesCard). Each table exports to
 * CSV; refreshed every few seconds. API only.
 */
import { useEffect, useState } from 'react';
import { serverApi } from '../api/server.js';
import { useSession } from '../api/session.js';
import type { RouterOutputs } from '../api/types.js';
import { PageHeader } from '../pages/PageHeader.js';
import { RangePicker, type Range } from './RangePicker.js';
import { StagesCard } from './StagesCard.js';
import { REFRESH_MS } from './ResultsPage.js';
import { ResultsTable } from './ResultsTable.js';
import { percent, points } from './format.js';
import './results.css';

type Overview = RouterOutputs['results']['overview'];

export function OverviewPage() {
  const session = useSession();
  const [range, setRange] = useState<Range>({ days: 30 });
  const [data, setData] = useState<Overview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const local = session.status === 'local';

  useEffect(() => {
    if (local) return;
    let live = true;
    let busy = false;
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await serverApi().results.overview.query({ range });
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
  }, [range, local]);

  const file = (what: string) => (data ? `results-${what}-${data.range.from}-${data.range.to}.csv` : `results-${what}.csv`);
  return (
    <div className="page results-page" data-testid="results-overview">
      <PageHeader title="Results">
        <RangePicker range={range} onChange={setRange} />
        {data && (
          <span className="muted results-updated">
            {data.range.from} to {data.range.to} · updated {new Date(data.at).toLocaleTimeString()}
          </span>
        )}
        <a className="button" href="#/tasks/figures" data-testid="open-sales-figures">
          Sales follow-up
        </a>
      </PageHeader>
      <main className="results-body">
        {local && <p className="muted">Results live on the server: start the API (npm start).</p>}
        {error && (
          <p className="error" role="alert" data-testid="results-error">
            {error}
          </p>
        )}
        {!data && !error && !local && <p className="muted">Loading…</p>}
        {data && (
          <>
            <section className="results-card">
              <h2>Journeys</h2>
              <p className="muted">Customers who entered in the period. Lift: the conversion rate of customers past a random split minus its holdout's, within the attribution window after the split.</p>
              <ResultsTable
                caption="Every published journey"
                sortable
                rows={data.journeys}
                file={file('journeys')}
                testId="table-overview"
                empty="No journey has been published yet."
                columns={[
                  { header: 'Journey', value: (j) => j.name, href: (j) => `#/j/${encodeURIComponent(j.journeyId)}/results` },
                  { header: 'Status', value: (j) => j.status },
                  { header: 'Stage', value: (j) => j.stage },
                  { header: 'Entered', value: (j) => j.entered, numeric: true },
                  { header: 'Converted', value: (j) => j.converted, numeric: true },
                  { header: 'Conversion rate', value: (j) => j.conversionRate, numeric: true, show: percent },
                  { header: 'Lift (points)', value: (j) => j.lift?.diff ?? null, numeric: true, show: (v) => (v === null ? '—' : points(v)) },
                  { header: 'Lift 95% CI', value: (j) => (j.lift ? `${points(j.lift.low)} to ${points(j.lift.high)}` : null), numeric: true, only: 'screen' },
                  { header: 'Lift CI low', value: (j) => j.lift?.low ?? null, only: 'csv' },
                  { header: 'Lift CI high', value: (j) => j.lift?.high ?? null, only: 'csv' },
                  { header: 'Sent', value: (j) => j.sent, numeric: true },
                  { header: 'Failed', value: (j) => j.failed, numeric: true, tone: 'bad' },
                ]}
              />
            </section>
            <StagesCard stages={data.stages} file={file} />
            <section className="results-card">
              <h2>Channels across journeys</h2>
              <ResultsTable
                caption="Conversion of the customers each channel reached"
                sortable
                rows={data.channels}
                file={file('channels')}
                testId="table-overview-channels"
                empty="No message sent in this period."
                columns={[
                  { header: 'Channel', value: (c) => c.channel },
                  { header: 'Customers reached', value: (c) => c.reached, numeric: true },
                  { header: 'Converted', value: (c) => c.converted, numeric: true },
                  { header: 'Conversion rate', value: (c) => c.conversionRate, numeric: true, show: percent },
                ]}
              />
            </section>
          </>
        )}
      </main>
    </div>
  );
}
