/** The editor's top bar: name, save state, undo/redo, layout, fit, import/export, counts, publish. */
import { useRef, useState, type ReactNode } from 'react';
import { go, useRoute } from '../router.js';
import type { SaveState } from '../state/useAutosave.js';
import { SHORTCUTS } from './useShortcuts.js';

export interface ToolbarProps {
  name: string;
  onName(name: string): void;
  readOnly: boolean;
  save: SaveState;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFit(): void;
  onExport(): void;
  onImport(): void;
  live: boolean;
  showCounts: boolean;
  onShowCounts(v: boolean): void;
  errors: number;
  /** The journey has not been checked yet. */
  checking: boolean;
  onPublish(note: string): Promise<void>;
  /** The live state and its actions (pause, stop…), beside the name. */
  liveState?: ReactNode;
}

const SAVE_WORDS: Record<SaveState, string> = { saved: 'Saved', unsaved: 'Unsaved…', saving: 'Saving…', error: 'Not saved!' };

export function Toolbar(p: ToolbarProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [help, setHelp] = useState(false);
  const blocked = p.errors > 0 || p.checking;
  const route = useRoute();
  const fileMenu = useRef<HTMLDetailsElement>(null);
  const fromMenu = (act: () => void) => () => {
    if (fileMenu.current) fileMenu.current.open = false;
    act();
  };
  return (
    <header className="topbar" data-testid="toolbar">
      <a href="#/" className="home" title="All journeys">
        ◀ Journeys
      </a>
      <input className="journey-name" aria-label="Journey name" data-testid="journey-name" value={p.name} disabled={p.readOnly} onChange={(e) => p.onName(e.target.value)} />
      {!p.readOnly && (
        <span className={`save save-${p.save}`} data-testid="save-state" data-state={p.save}>
          {SAVE_WORDS[p.save]}
        </span>
      )}
      {p.liveState}
      <span className="tools">
        <button data-testid="undo" disabled={p.readOnly || !p.canUndo} onClick={p.onUndo} title="Undo (Ctrl-Z)">
          ↶
        </button>
        <button data-testid="redo" disabled={p.readOnly || !p.canRedo} onClick={p.onRedo} title="Redo (Ctrl-Shift-Z)">
          ↷
        </button>
        <button data-testid="auto-layout" disabled={p.readOnly} onClick={p.onLayout} title="Auto-layout (Shift-L)">
          Layout
        </button>
        <button data-testid="fit-view" onClick={p.onFit} title="Zoom to fit (Shift-F)">
          Fit
        </button>
        {/* Rarely used: in a menu, so the bar fits one row at 1280 wide. */}
        <details className="file-menu" data-testid="file-menu" ref={fileMenu}>
          <summary>File ▾</summary>
          <div className="menu">
            <button data-testid="export" onClick={fromMenu(p.onExport)}>
              Export JSON
            </button>
            <button data-testid="import" disabled={p.readOnly} onClick={fromMenu(p.onImport)}>
              Import JSON
            </button>
          </div>
        </details>
        {p.live && (
          <label>
            <input type="checkbox" data-testid="show-counts" checked={p.showCounts} onChange={(e) => p.onShowCounts(e.target.checked)} /> counts
          </label>
        )}
        {p.live && route.page === 'editor' && (
          <button data-testid="open-results" onClick={() => go(`/j/${route.id}/results`)} title="Conversions, channels and experiments">
            Results
          </button>
        )}
        <button className="link" onClick={() => setHelp(!help)} title="Keyboard shortcuts">
          ⌨
        </button>
      </span>
      {!p.readOnly && (
        <span className="publish">
          <input placeholder="What changed?" data-testid="publish-note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button
            className="primary"
            data-testid="publish"
            disabled={blocked || busy}
            title={p.checking ? 'Checking…' : blocked ? `Fix ${p.errors} problem(s) first` : 'Publish a new version'}
            onClick={() => {
              setBusy(true);
              void p.onPublish(note).then(
                () => {
                  setNote('');
                  setBusy(false);
                },
                () => setBusy(false),
              );
            }}
          >
            Publish
          </button>
        </span>
      )}
      {help && (
        <div className="shortcuts" onClick={() => setHelp(false)}>
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <kbd>{k}</kbd> {what}
            </div>
          ))}
        </div>
      )}
    </header>
  );
}
