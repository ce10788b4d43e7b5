/**
 * False until the browser is first idle after mounting. Work that the first picture does not
 * need (graph checks of a big journey, the minimap) waits for it, so a 300-step journey appears
 * sooner; it follows within a frame or two.
 */
import { useEffect, useState } from 'react';

export function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => setReady(true), { timeout: 300 });
      return () => window.cancelIdleCallback(id);
    }
    const t = setTimeout(() => setReady(true), 50);
    return () => clearTimeout(t);
  }, []);
  return ready;
}
