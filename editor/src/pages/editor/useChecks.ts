/**
 * The graph checks of the journey being edited. The first check waits until the canvas is drawn
 * (Liquid parsing of every template is the slowest part of opening a big journey); publishing
 * stays blocked until it has run. The catalog (attributes and events seen) serves the checks and
 * the variable pickers, so it is asked for then too, not in the way of the first render.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Catalog, Journey } from '@cairn/core';
import { client } from '../../api/client.js';
import { lazyModule, useLazyModule } from '../../state/lazy.js';
import type { Validation } from '../../validation/validate.js';

// The graph checks (and the Liquid parser they use) load after the canvas is drawn.
const checksModule = lazyModule(() => import('../../validation/validate.js'));
const PENDING: Validation = { problems: [], byNode: new Map(), errors: 0, warnings: 0, pending: true };

export function useChecks(journey: Journey) {
  const [painted, setPainted] = useState(false);
  const onPainted = useCallback(() => setPainted(true), []);
  const [catalog, setCatalog] = useState<Catalog>({});
  useEffect(() => {
    if (painted) client.catalog().then(setCatalog, () => undefined);
  }, [painted]);
  const checks = useLazyModule(checksModule, painted);
  const validation = useMemo(() => (painted && checks ? checks.validate(journey, catalog) : PENDING), [painted, checks, journey, catalog]);
  return { painted, onPainted, catalog, validation };
}
