/**
 * The editor header's live state: the badges (live v3, paused, unpublished changes…) and the same
 * actions as the journeys list. "Unpublished changes" compares the draft being edited with the
 * live version, as the list does.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Journey } from '@cairn/core';
import { hasUnpublishedChanges } from '@cairn/core';
import { client, type JourneyStatus } from '../api/client.js';
import { go } from '../router.js';
import { badgesOf, type JourneyAction } from './controls.js';
import { JourneyActions } from './JourneyActions.js';
import './live.css';

export interface LiveStateProps {
  journey: Journey;
  status: JourneyStatus;
  liveVersion: number | null;
  /** After an action: the message to show and the journey's new status. */
  onChanged(message: string, status: JourneyStatus): void;
  readOnly: boolean;
}

export function LiveState({ journey, status, liveVersion, onChanged, readOnly }: LiveStateProps) {
  const [live, setLive] = useState<unknown>();
  useEffect(() => {
    setLive(undefined);
    if (liveVersion !== null) client.version(journey.id, liveVersion).then(setLive, () => undefined);
  }, [journey.id, liveVersion]);
  const unpublishedChanges = useMemo(() => !readOnly && live !== undefined && hasUnpublishedChanges(live, journey), [live, journey, readOnly]);
  const done = async ({ action, message, copyId }: { action: JourneyAction; message: string; copyId?: string }) => {
    if (action === 'delete') return go('/');
    if (copyId) return go(`/j/${copyId}`);
    const stored = await client.get(journey.id);
    onChanged(message, stored?.status ?? status);
  };
  return (
    <span className="live-state" data-testid="live-state">
      {badgesOf({ name: journey.name, status, liveVersion, unpublishedChanges }).map((b) => (
        <span key={b.kind} className={`status status-${b.kind}`} data-testid={`header-badge-${b.kind}`}>
          {b.text}
        </span>
      ))}
      {!readOnly && <JourneyActions compact menu journey={{ id: journey.id, name: journey.name, status, liveVersion }} onDone={(r) => void done(r)} />}
    </span>
  );
}
