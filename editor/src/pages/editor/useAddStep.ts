/**
 * Adding a step from the palette by keyboard or double-click: it goes after the selection,
 * connected to it (add-after.ts); with nothing selected, in the middle of the view.
 */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Journey } from '@cairn/core';
import { addAfter } from '../../state/add-after.js';
import { addNode, newNode } from '../../state/ops.js';
import type { JourneyHistory } from '../../state/useJourneyHistory.js';

export function useAddStep(journey: Journey, history: JourneyHistory, selected: ReadonlySet<string>, select: (ids: Set<string>) => void) {
  const flow = useReactFlow();
  return useCallback(
    (type: string) => {
      const anchor = journey.nodes.find((n) => selected.has(n.id));
      if (anchor) {
        const added = addAfter(journey, anchor.id, type);
        history.change(() => added.journey);
        select(new Set([added.node.id]));
        return;
      }
      const node = newNode(journey, type, flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }));
      history.change((j) => addNode(j, node));
      select(new Set([node.id]));
    },
    [journey, selected, flow, history, select],
  );
}
