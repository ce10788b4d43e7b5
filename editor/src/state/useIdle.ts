/**
 * True once the browser has been idle after the component mounted: for what nobody looks at
 * while a page first draws (e.g. the inspector's list of some 400 time zones, which the editor
 * otherwise builds with the canvas of a big journey).
 */
import { useEffect, useState } from 'react';

export function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (idle) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => setIdle(true), { timeout: 500 });
      return () => window.cancelIdleCallback(id);
    }
    const t = setTimeout(() => setIdle(true), 50);
    return () => clearTimeout(t);
  }, [idle]);
  return idle;
}
