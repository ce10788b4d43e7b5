/** The editor's journey with undo/redo, as a React hook over the pure history functions. */
import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { Journey } from '@cairn/core';
import type { History } from './history.js';
import { canRedo, canUndo, commit, redo, replace, settle, start, undo } from './history.js';

/** Typing pauses longer than this start a new undo step. */
export const MERGE_MS = 1000;

type Action =
  | { type: 'commit'; fn: (j: Journey) => Journey }
  | { type: 'replace'; fn: (j: Journey) => Journey }
  | { type: 'settle'; base: Journey }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; journey: Journey };

function reducer(h: History<Journey>, a: Action): History<Journey> {
  switch (a.type) {
    case 'commit':
      return commit(h, a.fn(h.present));
    case 'replace':
      return replace(h, a.fn(h.present));
    case 'settle':
      return settle(h, a.base);
    case 'undo':
      return undo(h);
    case 'redo':
      return redo(h);
    case 'reset':
      return start(a.journey);
  }
}

export interface JourneyHistory {
  journey: Journey;
  /**
   * An undoable change. Changes with the same `mergeKey` less than a moment apart (typing in one
   * field) make one undo step.
   */
  change(fn: (j: Journey) => Journey, mergeKey?: string): void;
  /** A change folded into the current step (use `settle` afterwards to make it undoable). */
  replace(fn: (j: Journey) => Journey): void;
  settle(base: Journey): void;
  undo(): void;
  redo(): void;
  reset(j: Journey): void;
  canUndo: boolean;
  canRedo: boolean;
}

export function useJourneyHistory(initial: Journey): JourneyHistory {
  const [h, dispatch] = useReducer(reducer, initial, start);
  const last = useRef({ key: '', at: 0 });
  const change = useCallback((fn: (j: Journey) => Journey, mergeKey?: string) => {
    const now = Date.now();
    const merge = !!mergeKey && mergeKey === last.current.key && now - last.current.at < MERGE_MS;
    last.current = { key: mergeKey ?? '', at: now };
    dispatch({ type: merge ? 'replace' : 'commit', fn });
  }, []);
  const replaceFn = useCallback((fn: (j: Journey) => Journey) => dispatch({ type: 'replace', fn }), []);
  const settleFn = useCallback((base: Journey) => dispatch({ type: 'settle', base }), []);
  const undoFn = useCallback(() => {
    last.current = { key: '', at: 0 };
    dispatch({ type: 'undo' });
  }, []);
  const redoFn = useCallback(() => {
    last.current = { key: '', at: 0 };
    dispatch({ type: 'redo' });
  }, []);
  const reset = useCallback((journey: Journey) => dispatch({ type: 'reset', journey }), []);
  return useMemo(
    () => ({
      journey: h.present,
      change,
      replace: replaceFn,
      settle: settleFn,
      undo: undoFn,
      redo: redoFn,
      reset,
      canUndo: canUndo(h),
      canRedo: canRedo(h),
    }),
    [h, change, replaceFn, settleFn, undoFn, redoFn, reset],
  );
}
