/**
 * Fit and auto-arrange, and whether either is still animating: the page says `data-view-moving`
 * meanwhile, so a person's tool (or a test) can wait for the view to come to rest before aiming at it.
 */
import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { JourneyHistory } from '../../state/useJourneyHistory.js';

export function useViewMotion(history: JourneyHistory) {
  const flow = useReactFlow();
  // How many arrange or fit animations are running.
  const [moving, setMoving] = useState(0);
  const whileMoving = useCallback((work: Promise<unknown>) => {
    setMoving((n) => n + 1);
    void work.finally(() => setMoving((n) => n - 1));
  }, []);
  const fitNow = useCallback(() => flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), [flow]);
  const fit = useCallback(() => whileMoving(fitNow()), [whileMoving, fitNow]);
  // dagre loads on first use.
  const layout = useCallback(() => {
    whileMoving(
      import('../../canvas/layout.js').then(async ({ autoLayout }) => {
        history.change(autoLayout);
        await new Promise((r) => setTimeout(r, 50));
        await fitNow();
      }),
    );
  }, [history, whileMoving, fitNow]);
  return { moving: moving > 0, fit, layout };
}
