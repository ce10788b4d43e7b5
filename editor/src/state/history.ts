/**
 * Undo/redo as a list of whole journey states. Journeys are small immutable values, so keeping
 * snapshots is simpler and safer than inverse operations, and a snapshot is exactly what autosave
 * and export need.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

/** How many undo steps are kept (not to be confused with the engine's event HISTORY_LIMIT). */
export const UNDO_LIMIT = 200;

export function start<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** A new undoable step. A no-op change (same value) records nothing. */
export function commit<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h;
  const past = [...h.past, h.present];
  if (past.length > UNDO_LIMIT) past.shift();
  return { past, present: next, future: [] };
}

/** Changes the present without a new step (e.g. the positions while a node is being dragged). */
export function replace<T>(h: History<T>, next: T): History<T> {
  return next === h.present ? h : { ...h, present: next };
}

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest };
}

export const canUndo = <T>(h: History<T>): boolean => h.past.length > 0;
export const canRedo = <T>(h: History<T>): boolean => h.future.length > 0;

/**
 * Records `base` as the step before the present, after changes made with `replace` (a drag):
 * one undo returns to where the drag started.
 */
export function settle<T>(h: History<T>, base: T): History<T> {
  if (base === h.present) return h;
  const past = [...h.past, base];
  if (past.length > UNDO_LIMIT) past.shift();
  return { past, present: h.present, future: [] };
}
