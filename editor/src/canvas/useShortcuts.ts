/**
 * Keyboard shortcuts of the canvas (ignored while typing in a field):
 * Ctrl/⌘-Z undo · Ctrl/⌘-Shift-Z or Ctrl-Y redo · Ctrl/⌘-C copy · Ctrl/⌘-V paste ·
 * Ctrl/⌘-D duplicate · Ctrl/⌘-A select all · Ctrl/⌘-S save now · Shift-L auto-layout ·
 * Shift-F zoom to fit · Shift-C connect the selected step to another · Escape clear selection ·
 * Delete/Backspace delete (React Flow).
 */
import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  selectAll(): void;
  clearSelection(): void;
  layout(): void;
  fit(): void;
  save(): void;
  /** Connect the selected step to another, chosen in a dialog. */
  connect(): void;
}

export const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ['Ctrl/⌘ Z', 'undo'],
  ['Ctrl/⌘ Shift Z', 'redo'],
  ['Ctrl/⌘ C / V', 'copy / paste'],
  ['Ctrl/⌘ D', 'duplicate'],
  ['Ctrl/⌘ A', 'select all'],
  ['Delete', 'delete selection'],
  ['Shift L', 'auto-layout'],
  ['Shift F', 'zoom to fit'],
  ['Shift C', 'connect the selected step to…'],
  ['Esc', 'clear selection'],
];

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function useShortcuts(actions: ShortcutActions, enabled: boolean, readOnly: boolean): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const on = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const a = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      let handled = true;
      if (mod && k === 'z' && !e.shiftKey && !readOnly) a.undo();
      else if (mod && ((k === 'z' && e.shiftKey) || k === 'y') && !readOnly) a.redo();
      else if (mod && k === 'c') a.copy();
      else if (mod && k === 'v' && !readOnly) a.paste();
      else if (mod && k === 'd' && !readOnly) a.duplicate();
      else if (mod && k === 'a') a.selectAll();
      else if (mod && k === 's') a.save();
      else if (!mod && e.shiftKey && k === 'l' && !readOnly) a.layout();
      else if (!mod && e.shiftKey && k === 'f') a.fit();
      else if (!mod && e.shiftKey && k === 'c' && !readOnly) a.connect();
      else if (k === 'escape') a.clearSelection();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [enabled, readOnly]);
}
