/**
 * A node's results on the canvas, in words: entered, converted (with the rate), and for a message
 * step its outcomes (sent, failed in red, suppressed in amber); under each output of a branching
 * step, how many took it (share of those who left the step) and, on hover, how many of them
 * converted. Shown in place of the live counts while the results overlay is on.
 */
import type { JourneyNode } from '@cairn/core';
import type { OutputSpec } from '@cairn/core';
import { outputLeft } from '../../canvas/handles.js';
import { percent } from '../format.js';
import type { NodeResults } from './useNodeResults.js';
import './overlay.css';

const share = (part: number, whole: number) => (whole ? part / whole : null);
/** Under an output there is room for a whole percentage only (three outputs share 220 px). */
const wholePercent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

export function NodeResultsLine({ node, r, outputs }: { node: JourneyNode; r: NodeResults; outputs: readonly OutputSpec[] }) {
  const { sent = 0, failed = 0, suppressed = 0, deferred = 0 } = r.messages;
  const left = Object.values(r.outputs).reduce((a, o) => a + o.took, 0);
  return (
    <>
      <div className="cn-results" data-testid={`node-results-${node.id}`}>
        <span>{r.entered.toLocaleString('en')} entered</span>
        {r.converted > 0 && (
          <span className="cn-r-converted" title={`${r.converted} of ${r.entered} who entered this step converted`}>
            {r.converted.toLocaleString('en')} converted ({percent(share(r.converted, r.entered))})
          </span>
        )}
        {sent > 0 && <span>{sent.toLocaleString('en')} sent</span>}
        {failed > 0 && (
          <span className="cn-r-failed" data-testid={`node-results-failed-${node.id}`} title="Sends the provider refused or that could not be made">
            {failed.toLocaleString('en')} failed
          </span>
        )}
        {suppressed > 0 && (
          <span className="cn-r-suppressed" title="Not sent: no consent, capped, no address or suppressed">
            {suppressed.toLocaleString('en')} suppressed
          </span>
        )}
        {deferred > 0 && <span title="Waiting for quiet hours or a cap to pass">{deferred.toLocaleString('en')} deferred</span>}
      </div>
      {outputs.length > 1 &&
        outputs.map((o, i) => {
          const took = r.outputs[o.id] ?? { took: 0, converted: 0 };
          return (
            <span
              key={o.id}
              className="cn-r-out"
              style={{ left: outputLeft(i, outputs.length) }}
              data-testid={`node-results-out-${node.id}-${o.id}`}
              title={`${took.took} took "${o.label}", ${took.converted} of them converted (${percent(share(took.converted, took.took))})`}
            >
              <span>
                {took.took.toLocaleString('en')} · {wholePercent(share(took.took, left))}
              </span>
            </span>
          );
        })}
    </>
  );
}
