/**
 * Which side of each `patched()` change a run takes. A run whose input was written at
 * SETTLED_PATCHES_INPUT_VERSION or later was started by code that takes every patch listed in
 * SETTLED, so no history of such a run can hold the old side: it asks none of them. Asking costs
 * a marker per patch and, for the run's first, a `TemporalChangeVersion` search attribute upsert
 * (2 history events and 1 billable Temporal action). Older inputs ask, so their histories replay
 * as recorded; a patch added after version 2 is asked by every run until a later version
 * settles it (add it to a new list then, never to this one).
 */
import { patched } from '@temporalio/workflow';
import { SALES_CALL_BACK_PATCH, SALES_TASK_PATCH } from '../sales/signal.js';
import { SETTLED_PATCHES_INPUT_VERSION } from './api.js';
import { ACTIONS_CONTRACT, LOCAL_BOOKKEEPING } from './effects.js';
import { MOVE_VERSION_PATCH } from './move-version.js';

/** The patches every run started with an input of version 2 or later takes. */
const SETTLED: ReadonlySet<string> = new Set([LOCAL_BOOKKEEPING, ACTIONS_CONTRACT, MOVE_VERSION_PATCH, SALES_TASK_PATCH, SALES_CALL_BACK_PATCH]);

/** Whether the run takes the new side of patch `id`. */
export type Patches = (id: string) => boolean;

/** The run's answer to each patch, given the version of the input it was started with. */
export function patchesFor(inputVersion: number | undefined): Patches {
  const settled = (inputVersion ?? 1) >= SETTLED_PATCHES_INPUT_VERSION;
  return (id) => (settled && SETTLED.has(id)) || patched(id);
}
