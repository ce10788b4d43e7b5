/** Copy/paste of canvas selections, through localStorage so it works across tabs and journeys. */
import { useCallback, useRef } from 'react';
import type { JourneyHistory } from '../state/useJourneyHistory.js';
import { clipFromText, clipToText, copySelection, pasteClip } from '../state/clipboard.js';
import { pruneDanglingEdges } from '../state/ops.js';
import { NODE_HEIGHT } from '../canvas/size.js';

const KEY = 'cairn.clipboard';

export function useClipboard(history: JourneyHistory, selected: ReadonlySet<string>, onSelect: (ids: Set<string>) => void) {
  const pastes = useRef(0);
  const copy = useCallback(() => {
    if (!selected.size) return;
    const text = clipToText(copySelection(history.journey, selected));
    localStorage.setItem(KEY, text);
    pastes.current = 0;
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  }, [history.journey, selected]);

  const pasteText = useCallback(
    (text: string | null) => {
      const clip = text ? clipFromText(text) : undefined;
      if (!clip || !clip.nodes.length) return;
      pastes.current += 1;
      // Each paste lands a node's height (and a gap) lower and a little right of the one before,
      // clear of the original: 40 px each way left the copy on top of it, hiding which is which.
      const n = pastes.current;
      const offset = { x: 40 * n, y: (NODE_HEIGHT + 24) * n };
      // Computed from the journey shown now (not inside the history update, which React may run
      // later), so the pasted ids are known for the selection.
      const r = pasteClip(history.journey, clip, offset);
      const next = pruneDanglingEdges(r.journey);
      history.change(() => next);
      onSelect(new Set(r.pasted));
    },
    [history, onSelect],
  );

  const paste = useCallback(() => pasteText(localStorage.getItem(KEY)), [pasteText]);
  const duplicate = useCallback(() => {
    if (!selected.size) return;
    pastes.current = 0;
    pasteText(clipToText(copySelection(history.journey, selected)));
  }, [history.journey, selected, pasteText]);
  return { copy, paste, duplicate };
}
