/**
 * Publishing and restoring: the live version and status as the editor knows them, the publish
 * review (the toolbar's promise settles when the review publishes or is cancelled), and restoring
 * an old version as the draft.
 */
import { useState } from 'react';
import type { Journey } from '@cairn/core';
import { client, type JourneyStatus } from '../../api/client.js';
import { go } from '../../router.js';
import type { JourneyHistory } from '../../state/useJourneyHistory.js';

interface Options {
  journey: Journey;
  history: JourneyHistory;
  /** The version shown read-only, if any. */
  version?: number;
  liveVersion: number | null;
  status: JourneyStatus;
  /** Tells the person what happened (the editor's message banner). */
  say(message: string): void;
  /** The first publish turns the live counts on, as opening a live journey does. */
  onFirstPublish(): void;
}

export function usePublishing({ journey, history, version, liveVersion, status: initialStatus, say, onFirstPublish }: Options) {
  const [live, setLive] = useState(liveVersion);
  const [status, setStatus] = useState(initialStatus);
  const [review, setReview] = useState<{ note: string; done(ok: boolean): void }>();
  const [versionsRefresh, setVersionsRefresh] = useState(0);

  const publishNow = async (note: string, move?: { choices: Record<string, string> }) => {
    try {
      const v = await client.publish(journey, note, move);
      if (live === null) onFirstPublish();
      setLive(v.version);
      const stored = await client.get(journey.id).catch(() => undefined);
      if (stored) setStatus(stored.status);
      setVersionsRefresh((n) => n + 1);
      const moved = v.moved ? ` ${v.moved.moving} waiting customer${v.moved.moving === 1 ? '' : 's'} moving to it${v.moved.staying ? `, ${v.moved.staying} staying on version ${live}` : ''}.` : '';
      say(`Published version ${v.version}.${moved}`);
    } catch (err) {
      say(`Not published: ${(err as Error).message}`);
      throw err;
    }
  };

  /** What the toolbar's Publish calls: opens the review. */
  const publish = (note: string) =>
    new Promise<void>((resolve, reject) => setReview({ note, done: (ok) => (ok ? resolve() : reject(new Error('publishing cancelled'))) }));

  /** The review's own buttons. */
  const reviewActions = review && {
    note: review.note,
    publish: async (move?: { choices: Record<string, string> }) => {
      await publishNow(review.note, move);
      review.done(true);
    },
    close: () => {
      review.done(false);
      setReview(undefined);
    },
  };

  const restore = async (v: number) => {
    const old = await client.version(journey.id, v);
    if (version !== undefined) {
      await client.saveDraft({ ...old, id: journey.id });
      go(`/j/${journey.id}`);
    } else {
      history.change(() => ({ ...old, id: journey.id }));
      say(`Version ${v} restored as the draft (undo to go back).`);
    }
  };

  return { live, status, setStatus, publish, review: reviewActions, restore, versionsRefresh };
}
