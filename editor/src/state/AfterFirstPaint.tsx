/**
 * Calls `onPainted` once the canvas has drawn its nodes and the browser is then idle. Work the
 * first picture does not need (graph checks of a big journey, the catalog, the minimap) waits for
 * it, so a 300-step journey appears sooner; it follows within a frame or two.
 *
 * A component, not a hook: React Flow's "nodes initialised" flag changes while the nodes are
 * measured, and subscribing to it here re-renders this empty component, not the whole editor.
 */
import { useEffect } from 'react';
import { useNodesInitialized } from '@xyflow/react';

export function AfterFirstPaint({ empty, onPainted }: { empty: boolean; onPainted(): void }) {
  const drawn = useNodesInitialized() || empty;
  useEffect(() => {
    if (!drawn) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(onPainted, { timeout: 300 });
      return () => window.cancelIdleCallback(id);
    }
    const t = setTimeout(onPainted, 50);
    return () => clearTimeout(t);
  }, [drawn, onPainted]);
  return null;
}
