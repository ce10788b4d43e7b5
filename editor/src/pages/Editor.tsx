/**
 * The editor workspace: palette, canvas, and the side panel (inspector, problems, test customer,
 * versions). Holds the journey history, the selection and the simulated path.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Catalog, Journey, JourneyNode } from '@cairn/engine';
import { client, type JourneyStatus } from '../api/client.js';
import { Canvas } from '../canvas/Canvas.js';
import { SummarySampleContext } from '../canvas/summary.js';
import { downloadJourney, ImportBox } from '../canvas/ImportExport.js';
import { Toolbar } from '../canvas/Toolbar.js';
import { useShortcuts } from '../canvas/useShortcuts.js';
import { Inspector } from '../inspector/Inspector.js';
import { DEFAULT_SAMPLE } from '../inspector/variables.js';
import { LiveState } from '../live/LiveState.js';
import { PublishReview } from '../live/PublishReview.js';
import { OverlayToggle } from '../results/overlay/OverlayToggle.js';
import { NodeResultsContext, useNodeResults } from '../results/overlay/useNodeResults.js';
import { useLiveCounts } from '../live/useLiveCounts.js';
import { Palette } from '../palette/Palette.js';
import { go } from '../router.js';
import type { SimulateState } from '../simulate/initial.js';
import { initialSimulateState } from '../simulate/initial.js';
import type { SimulationView } from '../simulate/run.js';
import { parseAttributes } from '../simulate/initial.js';
import { addNode, connect, newNode, pruneDanglingEdges, updateNode } from '../state/ops.js';
import { addAfter } from '../state/add-after.js';
import { Collapsible } from './Collapsible.js';
import { ConnectDialog } from '../canvas/ConnectDialog.js';
import { AfterFirstPaint } from '../state/AfterFirstPaint.js';
import { useAutosave } from '../state/useAutosave.js';
import { useJourneyHistory } from '../state/useJourneyHistory.js';
import { ProblemsPanel } from '../validation/ProblemsPanel.js';
import type { Validation } from '../validation/validate.js';
import { lazyModule, useLazyModule } from '../state/lazy.js';

// The graph checks (and the Liquid parser they use) load after the canvas is drawn.
const checksModule = lazyModule(() => import('../validation/validate.js'));
import { VersionsPanel } from '../versions/VersionsPanel.js';
import { useClipboard } from './useClipboard.js';

type Tab = 'inspect' | 'problems' | 'test' | 'versions';
// The simulator (compiler, XState) loads when the Test tab is first opened, not with the canvas.
const SimulatePanel = lazy(() => import('../simulate/SimulatePanel.js').then((m) => ({ default: m.SimulatePanel })));
const rerun = () => import('../simulate/run.js');
const EMPTY = new Set<string>();
const PENDING: Validation = { problems: [], byNode: new Map(), errors: 0, warnings: 0, pending: true };

export interface EditorProps {
  initial: Journey;
  /** The version shown read-only, if any. */
  version?: number;
  liveVersion: number | null;
  status: JourneyStatus;
}

export function Editor({ initial, version, liveVersion, status: initialStatus }: EditorProps) {
  const readOnly = version !== undefined;
  const history = useJourneyHistory(initial);
  const journey = history.journey;
  const flow = useReactFlow();
  const [selected, setSelected] = useState<ReadonlySet<string>>(EMPTY);
  const [tab, setTab] = useState<Tab>('inspect');
  const [importing, setImporting] = useState(false);
  const [message, setMessage] = useState('');
  const [live, setLive] = useState(liveVersion);
  const [status, setStatus] = useState(initialStatus);
  // Publishing goes through the review; the toolbar's promise settles when it is published or cancelled.
  const [review, setReview] = useState<{ note: string; done(ok: boolean): void }>();
  const [showCounts, setShowCounts] = useState(liveVersion !== null);
  const [versionsRefresh, setVersionsRefresh] = useState(0);
  const [sim, setSim] = useState<SimulateState>(() => initialSimulateState(initial));
  const [simView, setSimView] = useState<SimulationView>();
  // The first check waits until the canvas is drawn (Liquid parsing of every template is the
  // slowest part of opening a big journey); publishing stays blocked until it has run.
  const [painted, setPainted] = useState(false);
  const onPainted = useCallback(() => setPainted(true), []);
  // The catalog (attributes and events seen) serves the checks and the variable pickers: both
  // wait for the first picture, so it is asked for then, not in the way of the first render.
  const [catalog, setCatalog] = useState<Catalog>({});
  useEffect(() => {
    if (painted) client.catalog().then(setCatalog, () => undefined);
  }, [painted]);
  const checks = useLazyModule(checksModule, painted);
  const validation = useMemo(() => (painted && checks ? checks.validate(journey, catalog) : PENDING), [painted, checks, journey, catalog]);
  // An old version shown read-only counts only the customers who entered that version.
  const counts = useLiveCounts(journey.id, version, showCounts && live !== null);
  const [showResults, setShowResults] = useState(false);
  const nodeResults = useNodeResults(journey.id, version, showResults && live !== null && client.kind === 'server');
  const save = useAutosave(journey, !readOnly);
  const select = useCallback((ids: Set<string>) => setSelected(ids), []);
  const clipboard = useClipboard(history, selected, select);

  // A shown path follows the journey as it is edited.
  useEffect(() => {
    if (!simView) return;
    let stale = false;
    void rerun().then(({ runTestCustomer }) => {
      if (stale) return;
      try {
        setSimView(runTestCustomer(journey, sim.customer, sim.timeline, simView.start));
      } catch {
        setSimView(undefined);
      }
    });
    return () => {
      stale = true;
    };
  }, [journey]);


  const sample = useMemo(() => {
    try {
      return { ...DEFAULT_SAMPLE, ...parseAttributes(sim.customer.attributes) };
    } catch {
      return DEFAULT_SAMPLE;
    }
  }, [sim.customer.attributes]);

  // Message lines on the canvas are rendered for the same sample customer as the previews.
  const summarySample = useMemo(() => ({ attributes: sample, journey: { id: journey.id, name: journey.name } }), [sample, journey.id, journey.name]);

  const pick = useCallback(
    (nodeId: string) => {
      setSelected(new Set([nodeId]));
      const n = journey.nodes.find((x) => x.id === nodeId);
      if (n) void flow.setCenter(n.position.x + 110, n.position.y + 38, { zoom: Math.max(flow.getZoom(), 0.8), duration: 300 });
    },
    [journey, flow],
  );

  // How many arrange or fit animations are running: the page says `data-view-moving` meanwhile, so
  // a person's tool (or a test) can wait for the view to come to rest before aiming at it.
  const [moving, setMoving] = useState(0);
  const whileMoving = useCallback((work: Promise<unknown>) => {
    setMoving((n) => n + 1);
    void work.finally(() => setMoving((n) => n - 1));
  }, []);
  const fitNow = useCallback(() => flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), [flow]);
  const fit = useCallback(() => whileMoving(fitNow()), [whileMoving, fitNow]);
  // dagre loads on first use.
  const layout = useCallback(() => {
    whileMoving(
      import('../canvas/layout.js').then(async ({ autoLayout }) => {
        history.change(autoLayout);
        await new Promise((r) => setTimeout(r, 50));
        await fitNow();
      }),
    );
  }, [history, whileMoving, fitNow]);

  // Double-click (or Enter) on a palette item: the step goes after the selection, connected to it
  // (add-after.ts); with nothing selected, in the middle of the view.
  /** The step Shift-C connects from (ConnectDialog open). */
  const [connecting, setConnecting] = useState<string>();
  const addBelowSelection = useCallback(
    (type: string) => {
      const anchor = journey.nodes.find((n) => selected.has(n.id));
      if (anchor) {
        const added = addAfter(journey, anchor.id, type);
        history.change(() => added.journey);
        setSelected(new Set([added.node.id]));
        return;
      }
      const node = newNode(journey, type, flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 }));
      history.change((j) => addNode(j, node));
      setSelected(new Set([node.id]));
    },
    [journey, selected, flow, history],
  );

  useShortcuts(
    {
      undo: history.undo,
      redo: history.redo,
      ...clipboard,
      selectAll: () => setSelected(new Set(journey.nodes.map((n) => n.id))),
      clearSelection: () => setSelected(EMPTY),
      layout,
      fit,
      save: save.saveNow,
      connect: () => (selected.size === 1 ? setConnecting([...selected][0]) : setMessage('Select one step, then Shift-C connects it to another.')),
    },
    true,
    readOnly,
  );
  const connectFrom = connecting === undefined ? undefined : journey.nodes.find((n) => n.id === connecting);

  const publishNow = async (note: string, move?: { choices: Record<string, string> }) => {
    try {
      const v = await client.publish(journey, note, move);
      // The first publish turns the counts on, as opening a live journey does (it stayed off until a reload).
      if (live === null) setShowCounts(true);
      setLive(v.version);
      const stored = await client.get(journey.id).catch(() => undefined);
      if (stored) setStatus(stored.status);
      setVersionsRefresh((n) => n + 1);
      const moved = v.moved ? ` ${v.moved.moving} waiting customer${v.moved.moving === 1 ? '' : 's'} moving to it${v.moved.staying ? `, ${v.moved.staying} staying on version ${live}` : ''}.` : '';
      setMessage(`Published version ${v.version}.${moved}`);
    } catch (err) {
      setMessage(`Not published: ${(err as Error).message}`);
      throw err;
    }
  };
  const publish = (note: string) =>
    new Promise<void>((resolve, reject) => setReview({ note, done: (ok) => (ok ? resolve() : reject(new Error('publishing cancelled'))) }));

  const restore = async (v: number) => {
    const old = await client.version(journey.id, v);
    if (readOnly) {
      await client.saveDraft({ ...old, id: journey.id });
      go(`/j/${journey.id}`);
    } else {
      history.change(() => ({ ...old, id: journey.id }));
      setMessage(`Version ${v} restored as the draft (undo to go back).`);
    }
  };

  const node: JourneyNode | undefined = selected.size === 1 ? journey.nodes.find((n) => selected.has(n.id)) : undefined;
  const nodeProblems = node ? validation.problems.filter((p) => p.nodeId === node.id) : [];

  return (
    <div className={`page editor-page${readOnly ? ' read-only' : ''}`} data-testid="editor" data-view-moving={moving > 0 || undefined}>
      <Toolbar
        name={journey.name}
        onName={(name) => history.change((j) => ({ ...j, name }), 'name')}
        readOnly={readOnly}
        save={save.state}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        onUndo={history.undo}
        onRedo={history.redo}
        onLayout={layout}
        onFit={fit}
        onExport={() => downloadJourney(journey)}
        onImport={() => setImporting(!importing)}
        live={live !== null}
        showCounts={showCounts}
        onShowCounts={setShowCounts}
        errors={validation.errors}
        checking={!!validation.pending}
        onPublish={publish}
        liveState={
          client.kind === 'server' || live !== null ? (
            <LiveState journey={journey} status={status} liveVersion={live} readOnly={readOnly} onChanged={(m, st) => (setMessage(m), setStatus(st))} />
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
      {review && (
        <PublishReview
          journey={journey}
          liveVersion={live}
          status={status}
          problems={validation.problems}
          note={review.note}
          onPublish={async (move) => {
            await publishNow(review.note, move);
            review.done(true);
          }}
          onClose={() => {
            review.done(false);
            setReview(undefined);
          }}
        />
      )}
      {readOnly && (
        <div className="banner" data-testid="read-only-banner">
          Version {version}, read-only.
          <button onClick={() => go(`/j/${journey.id}`)}>Back to the draft</button>
          <button data-testid="restore-this" onClick={() => void restore(version)}>
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
            setTimeout(fit, 50);
          }}
        />
      )}
      <div className="workspace">
        <Collapsible name="palette" side="left" title="steps">
          <Palette onAdd={addBelowSelection} disabled={readOnly} />
        </Collapsible>
        {!painted && <AfterFirstPaint empty={initial.nodes.length === 0} onPainted={onPainted} />}
<SummarySampleContext.Provider value={summarySample}>
        <NodeResultsContext.Provider value={showResults ? (nodeResults.figures ?? null) : null}>
        {/* The results switch floats over the canvas' top-right corner (in the bar it covered Publish). */}
        <div className="canvas-area">
        {live !== null && client.kind === 'server' && <OverlayToggle on={showResults} onChange={setShowResults} journeyId={journey.id} error={nodeResults.error} />}
        <Canvas
          history={history}
          selected={selected}
          onSelect={select}
          problems={validation.byNode}
          visited={simView?.visitedNodes ?? EMPTY}
          visitedEdges={simView?.visitedEdges ?? EMPTY}
          counts={showCounts ? counts : undefined}
          readOnly={readOnly}
          minimap={painted}
        />
        </div>
        </NodeResultsContext.Provider>
        </SummarySampleContext.Provider>
        <Collapsible name="side" side="right" title="inspector, problems, test, versions">
        <aside className="side">
          <nav className="tabs">
            <button className={tab === 'inspect' ? 'on' : ''} data-testid="tab-inspect" onClick={() => setTab('inspect')}>
              Inspector
            </button>
            <button className={tab === 'problems' ? 'on' : ''} data-testid="tab-problems" onClick={() => setTab('problems')}>
              Problems <span className={validation.errors ? 'count err' : 'count'} data-testid="problem-count">{validation.problems.length}</span>
            </button>
            <button className={tab === 'test' ? 'on' : ''} data-testid="tab-test" onClick={() => setTab('test')}>
              Test
            </button>
            <button className={tab === 'versions' ? 'on' : ''} data-testid="tab-versions" onClick={() => setTab('versions')}>
              Versions
            </button>
          </nav>
          {tab === 'inspect' && (
            <Inspector
              journey={journey}
              node={node}
              readOnly={readOnly}
              sample={sample}
              catalog={catalog}
              problems={nodeProblems}
              onNodeChange={(n) => history.change((j) => pruneDanglingEdges(updateNode(j, n)), `node:${n.id}`)}
              onJourneyChange={(fn) => history.change(fn, 'journey')}
            />
          )}
          {tab === 'problems' && <ProblemsPanel problems={validation.problems} onPick={(id) => (pick(id), setTab('inspect'))} />}
          {tab === 'test' && (
            <Suspense fallback={<div className="loading">Loading the simulator…</div>}>
              <SimulatePanel journey={journey} state={sim} onState={setSim} view={simView} onView={setSimView} onPick={pick} />
            </Suspense>
          )}
          {tab === 'versions' && (
            <VersionsPanel
              journeyId={journey.id}
              refresh={versionsRefresh}
              viewing={version}
              onOpen={(v) => go(v ? `/j/${journey.id}/v/${v}` : `/j/${journey.id}`)}
              onRestore={(v) => void restore(v)}
            />
          )}
        </aside>
        </Collapsible>
      </div>
    </div>
  );
}
