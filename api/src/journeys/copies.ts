/**
 * Journeys as whole things: duplicating one into a new draft, and deleting a draft that was never
 * published. A published journey is never deleted (its versions explain the messages customers
 * got); it is archived instead.
 */
import type { Db, JourneyRow } from '@cairn/db';
import type { Problem } from '@cairn/core';
import { TRPCError } from '@trpc/server';
import { asDraftObject, newJourneyId, saveDraft } from './drafts.js';
import { requireJourney } from './lifecycle.js';

/**
 * A new draft with the journey's current draft: a fresh journey id, the name "Copy of …", no
 * versions, no customers. Step ids stay as they are: they are unique within a journey only, and
 * everything recorded about steps is keyed by journey too.
 */
export async function duplicate(db: Db, id: string, random: () => number = Math.random): Promise<{ journey: JourneyRow; problems: Problem[] }> {
  const source = await requireJourney(db, id);
  const name = `Copy of ${source.name}`.slice(0, 200);
  const copyId = newJourneyId(name, random);
  return saveDraft(db, copyId, { ...asDraftObject(copyId, source.draft), name });
}

/**
 * Deletes a journey that was never published. One statement decides, so a publish racing with
 * the delete either comes first (and the delete is refused) or finds no journey.
 */
export async function deleteDraft(db: Db, id: string): Promise<{ deleted: string }> {
  const { count } = await db.journey.deleteMany({ where: { id, liveVersion: null, versions: { none: {} } } });
  if (count === 1) return { deleted: id };
  const journey = await requireJourney(db, id);
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: `“${journey.name}” was published (live version ${journey.liveVersion ?? '?'}), so it keeps its history: archive it instead of deleting it`,
  });
}
