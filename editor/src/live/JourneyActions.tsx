/**
 * The actions on one journey (pause, resume, stop, archive, restore, duplicate, delete), each
 * behind a confirmation that says what happens to the customers inside. Used by the journeys
 * list (one row) and the editor header.
 */
import { useEffect, useRef, useState } from 'react';
import { client } from '../api/client.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ACTION_LABELS, actionsFor, confirmationOf, type JourneyAction, type JourneyState } from './controls.js';
import './live.css';

export interface JourneyActionsProps {
  journey: JourneyState & { id: string };
  /** After an action: what it did, in words, and the new journey's id for a duplicate. */
  onDone(result: { action: JourneyAction; message: string; copyId?: string }): void;
  /** Actions not to offer here. */
  hide?: readonly JourneyAction[];
  compact?: boolean;
  /** Only pause, resume and stop as buttons; the rest under "More" (the editor header is narrow). */
  menu?: boolean;
}

const RUN_STATE: readonly JourneyAction[] = ['pause', 'resume', 'stop'];

export function JourneyActions({ journey, onDone, hide = [], compact, menu }: JourneyActionsProps) {
  const [asking, setAsking] = useState<{ action: JourneyAction; inJourney: number | undefined }>();
  const more = useRef<HTMLDetailsElement>(null);
  // The "More" menu closes on a click elsewhere or Escape, as menus do.
  useEffect(() => {
    if (!menu) return;
    const close = (e: Event) => {
      const d = more.current;
      if (d?.open && (e.type === 'keydown' ? (e as KeyboardEvent).key === 'Escape' : !d.contains(e.target as Node))) d.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menu]);
  const actions = actionsFor(journey).filter((a) => !hide.includes(a));
  const ask = async (action: JourneyAction) => {
    // Counted now, not taken from the list: the dialog's number is the one the action affects.
    const fresh = journey.liveVersion === null ? 0 : await client.waiting(journey.id).then((w) => w.total, () => undefined);
    setAsking({ action, inJourney: fresh ?? journey.inJourney });
  };
  const words = asking && confirmationOf(asking.action, { ...journey, inJourney: asking.inJourney });
  const run = async (action: JourneyAction): Promise<void> => {
    if (action === 'delete') {
      await client.remove(journey.id);
      return onDone({ action, message: `Deleted “${journey.name}”.` });
    }
    if (action === 'duplicate') {
      const copyId = await client.duplicate(journey.id);
      return onDone({ action, message: `Made “Copy of ${journey.name}”.`, copyId });
    }
    const { signalled } = await client.control(journey.id, action);
    const reached = signalled ? ` (${signalled} customer${signalled === 1 ? '' : 's'} inside reached)` : '';
    onDone({ action, message: `${PAST[action]} “${journey.name}”${reached}.` });
  };
  const button = (a: JourneyAction) => (
    <button
      key={a}
      type="button"
      className={a === 'stop' || a === 'delete' ? 'danger' : ''}
      data-testid={`action-${a}`}
      aria-label={`${ACTION_LABELS[a]} “${journey.name}”`}
      onClick={(e) => {
        (e.currentTarget.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
        void ask(a);
      }}
    >
      {ACTION_LABELS[a]}
    </button>
  );
  return (
    <span className={`journey-actions${compact ? ' compact' : ''}`} data-testid={`actions-${journey.id}`}>
      {(menu ? actions.filter((a) => RUN_STATE.includes(a)) : actions).map(button)}
      {menu && actions.some((a) => !RUN_STATE.includes(a)) && (
        <details ref={more} data-testid="actions-more">
          <summary>More ▾</summary>
          <div className="menu">{actions.filter((a) => !RUN_STATE.includes(a)).map(button)}</div>
        </details>
      )}
      {asking && words && (
        <ConfirmDialog title={words.title} confirm={words.confirm} danger={words.danger} onConfirm={() => run(asking.action)} onClose={() => setAsking(undefined)}>
          {words.lines.map((l, i) => (
            <p key={i} data-testid={i === 0 ? 'confirm-customers' : undefined}>
              {l}
            </p>
          ))}
        </ConfirmDialog>
      )}
    </span>
  );
}

const PAST: Record<Exclude<JourneyAction, 'delete' | 'duplicate'>, string> = {
  pause: 'Paused',
  resume: 'Resumed',
  stop: 'Stopped',
  archive: 'Archived',
  unarchive: 'Restored',
};
