/** Per-node counts of a published journey (of one version, when given), refreshed every few seconds while shown. */
import { useEffect, useState } from 'react';
import type { NodeCounts } from '../api/client.js';
import { client } from '../api/client.js';

export const REFRESH_MS = 3000;

export function useLiveCounts(journeyId: string, version: number | undefined, enabled: boolean): Record<string, NodeCounts> | undefined {
  const [counts, setCounts] = useState<Record<string, NodeCounts>>();
  useEffect(() => {
    if (!enabled) {
      setCounts(undefined);
      return;
    }
    let stopped = false;
    const load = () =>
      client.counts(journeyId, version).then(
        (c) => !stopped && setCounts((prev) => (JSON.stringify(prev) === JSON.stringify(c) ? prev : c)),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [journeyId, version, enabled]);
  return counts;
}
