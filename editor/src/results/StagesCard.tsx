/**
 * The overview per lifecycle stage (a journey's stage, set in its settings or by its template):
 * the stage's journeys together, then per stage and channel the customers reached and converted
 * and the messages sent and failed. Journeys without a stage form their own row.
 */
import type { RouterOutputs } from '../api/types.js';
import { ResultsTable } from './ResultsTable.js';
import { percent } from './format.js';

type Stage = RouterOutputs['results']['overview']['stages'][number];

const stageName = (s: Stage['stage']) => (s === null ? 'No stage' : s[0]!.toUpperCase() + s.slice(1).replace('-', ' '));

export function StagesCard({ stages, file }: { stages: Stage[]; file(what: string): string }) {
  const perChannel = stages.flatMap((s) => s.channels.map((c) => ({ ...c, stage: s.stage })));
  return (
    <section className="results-card">
      <h2>By lifecycle stage</h2>
      <p className="muted">Each journey counts under the stage set in its settings. Conversion per channel: of the customers sent something on it.</p>
      <ResultsTable
        caption="Journeys grouped by stage"
        rows={stages}
        file={file('stages')}
        testId="table-overview-stages"
        empty="No journey has been published yet."
        columns={[
          { header: 'Stage', value: (s) => stageName(s.stage) },
          { header: 'Journeys', value: (s) => s.journeys, numeric: true },
          { header: 'Entered', value: (s) => s.entered, numeric: true },
          { header: 'Converted', value: (s) => s.converted, numeric: true },
          { header: 'Conversion rate', value: (s) => s.conversionRate, numeric: true, show: percent },
          { header: 'Sent', value: (s) => s.sent, numeric: true },
          { header: 'Failed', value: (s) => s.failed, numeric: true, tone: 'bad' },
        ]}
      />
      <ResultsTable
        caption="Per stage and channel"
        rows={perChannel}
        file={file('stage-channels')}
        testId="table-overview-stage-channels"
        empty="No message sent in this period."
        columns={[
          { header: 'Stage', value: (c) => stageName(c.stage) },
          { header: 'Channel', value: (c) => c.channel },
          { header: 'Customers reached', value: (c) => c.reached, numeric: true },
          { header: 'Converted', value: (c) => c.converted, numeric: true },
          { header: 'Conversion rate', value: (c) => c.conversionRate, numeric: true, show: percent },
          { header: 'Sent', value: (c) => c.sent, numeric: true },
          { header: 'Failed', value: (c) => c.failed, numeric: true, tone: 'bad' },
        ]}
      />
    </section>
  );
}
