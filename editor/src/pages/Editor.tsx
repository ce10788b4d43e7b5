/**
 * The editor workspace: palette, canvas, and the side panel (inspector, problems, test customer,
 * versions). Holds the journey history and the selection; each concern lives in its own hook
 * under ./editor/ (checks, publishing, the test customer, view motion, adding steps).
 */
import { useCallback, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Journey, JourneyNode } from '@cairn/core';
import { client, type JourneyStatus } from '../api/client.js';
import { Canvas } from '../canvas/Canvas.js';
import { ConnectDialog } from '../canvas/ConnectDialog.js';
import { downloadJourney, ImportBox } from '../canvas/ImportExport.js';
import { SummarySampleContext } from '../canvas/summary.js';
import { Toolbar } from '../canvas/Toolbar.js';
import { useShortcuts } from '../canvas/useShortcuts.js';
import { LiveState } from '../live/LiveState.js';
import { PublishReview } from '../live/PublishReview.js';
import { useLiveCounts } from '../live/useLiveCounts.js';
import { Palette } from '../palette/Palette.js';
import { OverlayToggle } from '../results/overlay/OverlayToggle.js';
import { NodeResultsContext, useNodeResults } from '../results/overlay/useNodeResults.js';
import { go } from '../router.js';
import { AfterFirstPaint } from '../state/AfterFirstPaint.js';
import { connect } from '../state/ops.js';
import { useAutosave } from '../state/useAutosave.js';
import { useJourneyHistory } from '../state/useJourneyHistory.js';
import { Collapsible } from './Collapsible.js';
import { SidePanel } from './editor/SidePanel.js';
import { useAddStep } from './editor/useAddStep.js';
import { useChecks } from './editor/useChecks.js';
import { usePublishing } from './editor/usePublishing.js';
import { useTestCustomer } from './editor/useTestCustomer.js';
import { useViewMotion } from './editor/useViewMotion.js';
import { useClipboard } from './useClipboard.js';

const EMPTY = new Set<string>();

export interface EditorProps {
  initial: Journey;
  /** The version shown read-only, if any. */
  version?: number;
  liveVersion: number | null;
  status: JourneyStatus;
}

export function Editor({ initial, version, liveVersion, status }: EditorProps) {
  const readOnly = version !== undefined;
  const history = useJourneyHistory(initial);
  const journey = history.journey;
  const flow = useReactFlow();
  const [selected, setSelected] = useState<ReadonlySet<string>>(EMPTY);
  const select = useCallback((ids: Set<string>) => setSelected(ids), []);
  const [importing, setImporting] = useState(false);
  const [message, setMessage] = useState('');
  const [showCounts, setShowCounts] = useState(liveVersion !== null);
  const [showResults, setShowResults] = useState(false);
  /** The step Shift-C connects from (ConnectDialog open). */
  const [connecting, setConnecting] = useState<string>();

  const { painted, onPainted, catalog, validation } = useChecks(journey);
  const publishing = usePublishing({ journey, history, version, liveVersion, status, say: setMessage, onFirstPublish: () => setShowCounts(true) });
  const { live } = publishing;
  const test = useTestCustomer(initial, journey);
  const view = useViewMotion(history);
  const addStep = useAddStep(journey, history, selected, select);
  // An old version shown read-only counts only the customers who entered that version.
  const counts = useLiveCounts(journey.id, version, showCounts && live !== null);
  const nodeResults = useNodeResults(journey.id, version, showResults && live !== null && client.kind === 'server');
  const save = useAutosave(journey, !readOnly);
  const clipboard = useClipboard(history, selected, select);

  const pick = useCallback(
    (nodeId: string) => {
      setSelected(new Set([nodeId]));
      const n = journey.nodes.find((x) => x.id === nodeId);
      if (n) void flow.setCenter(n.position.x + 110, n.position.y + 38, { zoom: Math.max(flow.getZoom(), 0.8), duration: 300 });
    },
    [journey, flow],
  );

  useShortcuts(
    {
      undo: history.undo,
      redo: history.redo,
      ...clipboard,
      selectAll: () => setSelected(new Set(journey.nodes.map((n) => n.id))),
      clearSelection: () => setSelected(EMPTY),
      layout: view.layout,
      fit: view.fit,
      save: save.saveNow,
      connect: () => (selected.size === 1 ? setConnecting([...selected][0]) : setMessage('Select one step, then Shift-C connects it to another.')),
    },
    true,
    readOnly,
  );
  const connectFrom = connecting === undefined ? undefined : journey.nodes.find((n) => n.id === connecting);
  const node: JourneyNode | undefined = selected.size === 1 ? journey.nodes.find((n) => selected.has(n.id)) : undefined;

  return (
    <div className={`page editor-page${readOnly ? ' read-only' : ''}`} data-testid="editor" data-view-moving={view.moving || undefined}>
      <Toolbar
        name={journey.name}
        onName={(name) => history.change((j) => ({ ...j, name }), 'name')}
        readOnly={readOnly}
        save={save.state}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        onUndo={history.undo}
        onRedo={history.redo}
        onLayout={view.layout}
        onFit={view.fit}
        onExport={() => downloadJourney(journey)}
        onImport={() => setImporting(!importing)}
        live={live !== null}
        showCounts={showCounts}
        onShowCounts={setShowCounts}
        errors={validation.errors}
        checking={!!validation.pending}
        onPublish={publishing.publish}
        liveState={
          client.kind === 'server' || live !== null ? (
            <LiveState
              journey={journey}
              status={publishing.status}
              liveVersion={live}
              readOnly={readOnly}
              onChanged={(m, st) => (setMessage(m), publishing.setStatus(st))}
            />
          ) : undefined
        }
      />
      {connectFrom && (
        <ConnectDialog
          journey={journey}
          from={connectFrom}
          onConnect={(handle, target) => history.change((j) => connect(j, connectFrom.id, handle, target))}
          onClose={() => setConnecting(undefined)}
        />
      )}
      {publishing.review && (
        <PublishReview
          journey={journey}
          liveVersion={live}
          status={publishing.status}
          problems={validation.problems}
          note={publishing.review.note}
          onPublish={publishing.review.publish}
          onClose={publishing.review.close}
        />
      )}
      {readOnly && (
        <div className="banner" data-testid="read-only-banner">
          Version {version}, read-only.
          <button onClick={() => go(`/j/${journey.id}`)}>Back to the draft</button>
          <button data-testid="restore-this" onClick={() => void publishing.restore(version)}>
            Restore as draft
          </button>
        </div>
      )}
      {message && (
        <div className="banner info" data-testid="message" onClick={() => setMessage('')}>
          {message}
        </div>
      )}
      {importing && (
        <ImportBox
          onImport={(j) => {
            history.change(() => ({ ...j, id: journey.id }));
            setImporting(false);
            setTimeout(view.fit, 50);
          }}
        />
      )}
      <div className="workspace">
        <Collapsible name="palette" side="left" title="steps">
          <Palette onAdd={addStep} disabled={readOnly} />
        </Collapsible>
        {!painted && <AfterFirstPaint empty={initial.nodes.length === 0} onPainted={onPainted} />}
        <SummarySampleContext.Provider value={test.summarySample}>
          <NodeResultsContext.Provider value={showResults ? (nodeResults.figures ?? null) : null}>
            {/* The results switch floats over the canvas' top-right corner (in the bar it covered Publish). */}
            <div className="canvas-area">
              {live !== null && client.kind === 'server' && (
                <OverlayToggle on={showResults} onChange={setShowResults} journeyId={journey.id} error={nodeResults.error} />
              )}
              <Canvas
                history={history}
                selected={selected}
                onSelect={select}
                problems={validation.byNode}
                visited={test.simView?.visitedNodes ?? EMPTY}
                visitedEdges={test.simView?.visitedEdges ?? EMPTY}
                counts={showCounts ? counts : undefined}
                readOnly={readOnly}
                minimap={painted}
              />
            </div>
          </NodeResultsContext.Provider>
        </SummarySampleContext.Provider>
        <Collapsible name="side" side="right" title="inspector, problems, test, versions">
          <SidePanel
            journey={journey}
            history={history}
            node={node}
            readOnly={readOnly}
            catalog={catalog}
            validation={validation}
            test={test}
            versions={{ refresh: publishing.versionsRefresh, viewing: version, restore: (v) => void publishing.restore(v) }}
            onPick={pick}
          />
        </Collapsible>
      </div>
    </div>
  );
}
