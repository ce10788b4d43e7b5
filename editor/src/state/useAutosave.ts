/**
 * Saves the draft a moment after the last change (debounced), and once more when leaving. A save
 * refused because the session ended is tried again as soon as the user signs in again.
 */
import { useEffect, useRef, useState } from 'react';
import type { Journey } from '@cairn/core';
import { client } from '../api/client.js';
import { onSignedIn } from '../api/session.js';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

export const AUTOSAVE_MS = 800;

export function useAutosave(journey: Journey, enabled: boolean): { state: SaveState; error: string; saveNow(): void } {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState('');
  const last = useRef(journey);
  const pending = useRef<Journey | undefined>(undefined);
  const failed = useRef<Journey | undefined>(undefined);
  const save = useRef(async (j: Journey) => {
    pending.current = undefined;
    setState('saving');
    try {
      await client.saveDraft(j);
      failed.current = undefined;
      last.current = j;
      setState(pending.current ? 'unsaved' : 'saved');
      setError('');
    } catch (err) {
      failed.current = j;
      setState('error');
      setError((err as Error).message);
    }
  });
  useEffect(() => {
    if (!enabled || journey === last.current) return;
    pending.current = journey;
    setState('unsaved');
    const t = setTimeout(() => void save.current(journey), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [journey, enabled]);
  useEffect(
    () =>
      onSignedIn(() => {
        const j = pending.current ?? failed.current;
        if (j) void save.current(j);
      }),
    [],
  );
  useEffect(
    () => () => {
      if (pending.current) void save.current(pending.current);
    },
    [],
  );
  return { state, error, saveNow: () => pending.current && void save.current(pending.current) };
}
