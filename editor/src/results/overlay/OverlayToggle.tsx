/** The switch for the results overlay, floating over the canvas of a published journey, with a link to the full results page. */
import type { ReactNode } from 'react';

export function OverlayToggle({ on, onChange, journeyId, error }: { on: boolean; onChange(on: boolean): void; journeyId: string; error?: string | undefined }): ReactNode {
  return (
    <div className="results-overlay-toggle" data-testid="results-overlay-toggle">
      <label>
        <input type="checkbox" data-testid="show-results" checked={on} onChange={(e) => onChange(e.target.checked)} /> results on the canvas
      </label>
      <a href={`#/j/${journeyId}/results`}>all results</a>
      {on && error && <span className="err" title={error}>not available</span>}
    </div>
  );
}
