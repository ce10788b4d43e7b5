/**
 * What a marketer can do with a journey in its state, and what each action tells them before it
 * happens: above all, what happens to the customers inside. Pure, shared by the journeys list and
 * the editor header.
 */
import type { JourneyStatus, LiveAction } from '../api/client.js';

export type JourneyAction = LiveAction | 'delete' | 'duplicate';

export interface JourneyState {
  name: string;
  status: JourneyStatus;
  liveVersion: number | null;
  /** Customers inside now (running or waiting); undefined when unknown. */
  inJourney?: number | undefined;
  unpublishedChanges?: boolean | undefined;
}

export interface Badge {
  kind: 'draft' | 'live' | 'paused' | 'stopped' | 'archived' | 'changes';
  text: string;
}

/** "draft", "live v3", "paused v3", "stopped", "archived", plus "unpublished changes". */
export function badgesOf(j: JourneyState): Badge[] {
  const v = j.liveVersion ? ` v${j.liveVersion}` : '';
  const main: Badge =
    j.status === 'active'
      ? { kind: 'live', text: `live${v}` }
      : j.status === 'paused'
        ? { kind: 'paused', text: `paused${v}` }
        : j.status === 'stopped'
          ? { kind: 'stopped', text: 'stopped' }
          : j.status === 'archived'
            ? { kind: 'archived', text: 'archived' }
            : { kind: 'draft', text: 'draft' };
  return j.unpublishedChanges && j.status !== 'archived' ? [main, { kind: 'changes', text: 'unpublished changes' }] : [main];
}

/** The actions that make sense now, in the order they are offered. */
export function actionsFor(j: Pick<JourneyState, 'status' | 'liveVersion'>): JourneyAction[] {
  const neverPublished = j.liveVersion === null;
  switch (j.status) {
    case 'active':
      return ['pause', 'stop', 'duplicate', 'archive'];
    case 'paused':
      return ['resume', 'stop', 'duplicate', 'archive'];
    case 'stopped':
      return ['duplicate', 'archive'];
    case 'archived':
      return neverPublished ? ['unarchive', 'duplicate', 'delete'] : ['unarchive', 'duplicate'];
    case 'draft':
      return neverPublished ? ['duplicate', 'archive', 'delete'] : ['duplicate', 'archive'];
  }
}

export const ACTION_LABELS: Record<JourneyAction, string> = {
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  archive: 'Archive',
  unarchive: 'Restore',
  delete: 'Delete',
  duplicate: 'Duplicate',
};

export interface Confirmation {
  title: string;
  /** What happens, sentence by sentence; the first one is about the customers inside. */
  lines: string[];
  confirm: string;
  danger: boolean;
}

const customers = (n: number) => `${n} customer${n === 1 ? '' : 's'}`;

/** The dialog's words for `action` on journey `j`. */
export function confirmationOf(action: JourneyAction, j: JourneyState): Confirmation {
  const name = `“${j.name}”`;
  const n = j.inJourney;
  const inside = n === undefined ? 'The customers inside' : n === 0 ? 'Nobody is in the journey now' : `The ${customers(n)} inside`;
  switch (action) {
    case 'pause':
      return {
        title: `Pause ${name}?`,
        lines: [
          n === 0 ? 'Nobody is in the journey now.' : `${inside} stay where they are: nothing is sent to them while it is paused. A wait that ends meanwhile moves on when you resume, and what they do meanwhile is kept for then.`,
          'No new customers enter until you resume.',
        ],
        confirm: 'Pause journey',
        danger: false,
      };
    case 'resume':
      return {
        title: `Resume ${name}?`,
        lines: [
          n === 0 ? 'Nobody is in the journey now.' : `${inside} carry on from the step they are at.`,
          `New customers enter again${j.liveVersion ? `, on live version ${j.liveVersion}` : ''}.`,
        ],
        confirm: 'Resume journey',
        danger: false,
      };
    case 'stop':
      return {
        title: `Stop ${name}?`,
        lines: [
          n === 0 ? 'Nobody is in the journey now.' : `${inside} exit now and get nothing more from it (recorded as “stopped”).`,
          'No new customers enter. This cannot be undone: publishing again starts new entries only.',
        ],
        confirm: n ? `Stop and take ${customers(n)} out` : 'Stop journey',
        danger: true,
      };
    case 'archive':
      return {
        title: `Archive ${name}?`,
        lines: [
          n ? `${inside} exit now (recorded as “archived”).` : 'Nobody is in the journey now.',
          'It takes no new customers and leaves the list; the “Archived” filter shows it, and you can restore it from there.',
        ],
        confirm: n ? `Archive and take ${customers(n)} out` : 'Archive journey',
        danger: n !== undefined && n > 0,
      };
    case 'unarchive':
      return {
        title: `Restore ${name}?`,
        lines: ['Nobody is in the journey, and nobody enters until you publish it.', `It comes back to the list as ${j.liveVersion ? 'stopped' : 'a draft'}.`],
        confirm: 'Restore journey',
        danger: false,
      };
    case 'delete':
      return {
        title: `Delete ${name}?`,
        lines: ['It was never published, so no customer was ever in it.', 'The draft is deleted for good.'],
        confirm: 'Delete draft',
        danger: true,
      };
    case 'duplicate':
      return {
        title: `Duplicate ${name}?`,
        lines: [
          n ? `${inside} are not affected: they stay in this journey.` : 'Nobody is moved: the copy starts empty.',
          `A new draft “Copy of ${j.name}” is made from the current draft, with no versions and no customers.`,
        ],
        confirm: 'Make a copy',
        danger: false,
      };
  }
}
