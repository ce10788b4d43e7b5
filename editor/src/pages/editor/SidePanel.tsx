/**
 * The editor's right-hand panel: the inspector of the selected step, the problems list, the test
 * customer and the versions, one tab at a time.
 */
import { lazy, Suspense, useState } from 'react';
import type { Catalog, Journey, JourneyNode } from '@cairn/core';
import { Inspector } from '../../inspector/Inspector.js';
import type { SimulateState } from '../../simulate/initial.js';
import type { SimulationView } from '../../simulate/run.js';
import { pruneDanglingEdges, updateNode } from '../../state/ops.js';
import type { JourneyHistory } from '../../state/useJourneyHistory.js';
import { ProblemsPanel } from '../../validation/ProblemsPanel.js';
import type { Validation } from '../../validation/validate.js';
import { VersionsPanel } from '../../versions/VersionsPanel.js';
import { go } from '../../router.js';

// The simulator (compiler, XState) loads when the Test tab is first opened, not with the canvas.
const SimulatePanel = lazy(() => import('../../simulate/SimulatePanel.js').then((m) => ({ default: m.SimulatePanel })));

type Tab = 'inspect' | 'problems' | 'test' | 'versions';
const TABS: { id: Tab; label: string }[] = [
  { id: 'inspect', label: 'Inspector' },
  { id: 'problems', label: 'Problems' },
  { id: 'test', label: 'Test' },
  { id: 'versions', label: 'Versions' },
];

export interface SidePanelProps {
  journey: Journey;
  history: JourneyHistory;
  /** The one selected step, if exactly one is. */
  node: JourneyNode | undefined;
  readOnly: boolean;
  catalog: Catalog;
  validation: Validation;
  test: {
    sample: Record<string, unknown>;
    sim: SimulateState;
    setSim(s: SimulateState): void;
    simView: SimulationView | undefined;
    setSimView(v: SimulationView | undefined): void;
  };
  versions: { refresh: number; viewing: number | undefined; restore(v: number): void };
  /** Selects a step and brings it into view. */
  onPick(nodeId: string): void;
}

export function SidePanel({ journey, history, node, readOnly, catalog, validation, test, versions, onPick }: SidePanelProps) {
  const [tab, setTab] = useState<Tab>('inspect');
  return (
    <aside className="side">
      <nav className="tabs">
        {TABS.map((t) => (
          <button key={t.id} className={tab === t.id ? 'on' : ''} data-testid={`tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
            {t.id === 'problems' && (
              <>
                {' '}
                <span className={validation.errors ? 'count err' : 'count'} data-testid="problem-count">
                  {validation.problems.length}
                </span>
              </>
            )}
          </button>
        ))}
      </nav>
      {tab === 'inspect' && (
        <Inspector
          journey={journey}
          node={node}
          readOnly={readOnly}
          sample={test.sample}
          catalog={catalog}
          problems={node ? validation.problems.filter((p) => p.nodeId === node.id) : []}
          onNodeChange={(n) => history.change((j) => pruneDanglingEdges(updateNode(j, n)), `node:${n.id}`)}
          onJourneyChange={(fn) => history.change(fn, 'journey')}
        />
      )}
      {tab === 'problems' && <ProblemsPanel problems={validation.problems} onPick={(id) => (onPick(id), setTab('inspect'))} />}
      {tab === 'test' && (
        <Suspense fallback={<div className="loading">Loading the simulator…</div>}>
          <SimulatePanel journey={journey} state={test.sim} onState={test.setSim} view={test.simView} onView={test.setSimView} onPick={onPick} />
        </Suspense>
      )}
      {tab === 'versions' && (
        <VersionsPanel
          journeyId={journey.id}
          refresh={versions.refresh}
          viewing={versions.viewing}
          onOpen={(v) => go(v ? `/j/${journey.id}/v/${v}` : `/j/${journey.id}`)}
          onRestore={versions.restore}
        />
      )}
    </aside>
  );
}
