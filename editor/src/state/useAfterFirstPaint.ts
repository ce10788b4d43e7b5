/**
 * False until the canvas has drawn its nodes and the browser is then idle. Work the first picture
 * does not need (graph checks of a big journey, the minimap) waits for it, so a 300-step journey
 * appears sooner; it follows within a frame or two. Latches: once true, stays true.
 */
import { useEffect, useState } from 'react';
import { useNodesInitialized } from '@xyflow/react';

export function useAfterFirstPaint(empty: boolean): boolean {
  const drawn = useNodesInitialized() || empty;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || !drawn) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => setReady(true), { timeout: 300 });
      return () => window.cancelIdleCallback(id);
    }
    const t = setTimeout(() => setReady(true), 50);
    return () => clearTimeout(t);
  }, [drawn, ready]);
  return ready;
}
