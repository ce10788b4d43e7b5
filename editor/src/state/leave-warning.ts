/**
 * Asks before unsaved work is left behind: closing or reloading the tab (the browser's own
 * prompt), or following a link inside the editor (a confirmation naming what is unsaved). Links
 * are caught in the capture phase, before the hash router sees the navigation. The browser's back
 * button is not caught: hash routes change without an event that can be cancelled.
 */
import { useEffect } from 'react';

export function useLeaveWarning(dirty: boolean, what: string): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!link || link.getAttribute('target') === '_blank') return;
      if (!window.confirm(`Leave without saving ${what}? Your changes will be lost.`)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, what]);
}
