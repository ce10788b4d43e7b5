/**
 * The figures of the results overlay on the canvas (results.nodes: per node entered and
 * converted, per output took and converted, per message node its outcomes), of the version shown,
 * refreshed every few seconds while the overlay is on. Nodes read theirs from NodeResultsContext,
 * so the canvas and its node component stay unaware of the overlay (one line in the node).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { RouterOutputs } from '../../api/types.js';
import { serverApi } from '../../api/server.js';

export type NodeResults = RouterOutputs['results']['nodes'][string];
export type JourneyNodeResults = RouterOutputs['results']['nodes'];

export const OVERLAY_REFRESH_MS = 4000;

/** The overlay's figures when it is on, null when off (the node then shows its live counts). */
export const NodeResultsContext = createContext<JourneyNodeResults | null>(null);

/** This node's figures while the overlay is on (a node nobody reached: zeros). */
export function useNodeResultsOf(nodeId: string): NodeResults | null {
  const all = useContext(NodeResultsContext);
  if (!all) return null;
  return all[nodeId] ?? EMPTY;
}

const EMPTY: NodeResults = { entered: 0, converted: 0, outputs: {}, messages: {} };

/** Polls results.nodes while `enabled` (a published journey on a server); undefined until the first answer. */
export function useNodeResults(journeyId: string, version: number | undefined, enabled: boolean): { figures?: JourneyNodeResults; error?: string } {
  const [state, setState] = useState<{ figures?: JourneyNodeResults; error?: string }>({});
  useEffect(() => {
    if (!enabled) {
      setState({});
      return;
    }
    let stopped = false;
    let busy = false;
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        const figures = await serverApi().results.nodes.query({ journeyId, ...(version === undefined ? {} : { version }) });
        if (!stopped) setState((prev) => (JSON.stringify(prev.figures) === JSON.stringify(figures) ? prev : { figures }));
      } catch (e) {
        if (!stopped) setState({ error: (e as Error).message });
      } finally {
        busy = false;
      }
    };
    void load();
    const timer = setInterval(() => void load(), OVERLAY_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [journeyId, version, enabled]);
  return state;
}
