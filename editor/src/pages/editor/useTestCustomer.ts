/**
 * The test customer of the Test tab: their set-up, the path shown on the canvas (re-run as the
 * journey is edited, so it follows the edit), and the sample attributes the previews and the
 * canvas' message lines are rendered for.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Journey } from '@cairn/core';
import { DEFAULT_SAMPLE } from '../../inspector/variables.js';
import { initialSimulateState, parseAttributes, type SimulateState } from '../../simulate/initial.js';
import type { SimulationView } from '../../simulate/run.js';

// The simulator (compiler, XState) loads with the Test tab, not with the canvas.
const rerun = () => import('../../simulate/run.js');

export function useTestCustomer(initial: Journey, journey: Journey) {
  const [sim, setSim] = useState<SimulateState>(() => initialSimulateState(initial));
  const [simView, setSimView] = useState<SimulationView>();

  useEffect(() => {
    if (!simView) return;
    let stale = false;
    void rerun().then(({ runTestCustomer }) => {
      if (stale) return;
      try {
        setSimView(runTestCustomer(journey, sim.customer, sim.timeline, simView.start));
      } catch {
        setSimView(undefined);
      }
    });
    return () => {
      stale = true;
    };
    // Only an edit of the journey re-runs the shown path; the panel runs it itself otherwise.
  }, [journey]);

  const sample = useMemo(() => {
    try {
      return { ...DEFAULT_SAMPLE, ...parseAttributes(sim.customer.attributes) };
    } catch {
      return DEFAULT_SAMPLE;
    }
  }, [sim.customer.attributes]);
  const summarySample = useMemo(() => ({ attributes: sample, journey: { id: journey.id, name: journey.name } }), [sample, journey.id, journey.name]);

  return { sim, setSim, simView, setSimView, sample, summarySample };
}
