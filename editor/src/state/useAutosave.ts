/** Saves the draft a moment after the last change (debounced), and once more when leaving. */
import { useEffect, useRef, useState } from 'react';
import type { Journey } from '@cairn/engine';
import { client } from '../api/client.js';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

export const AUTOSAVE_MS = 800;

export function useAutosave(journey: Journey, enabled: boolean): { state: SaveState; error: string; saveNow(): void } {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState('');
  const last = useRef(journey);
  const pending = useRef<Journey | undefined>(undefined);
  const save = useRef(async (j: Journey) => {
    pending.current = undefined;
    setState('saving');
    try {
      await client.saveDraft(j);
      last.current = j;
      setState(pending.current ? 'unsaved' : 'saved');
      setError('');
    } catch (err) {
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
    () => () => {
      if (pending.current) void save.current(pending.current);
    },
    [],
  );
  return { state, error, saveNow: () => pending.current && void save.current(pending.current) };
}
