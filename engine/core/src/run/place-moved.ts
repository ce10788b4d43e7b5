/**
 * Where a customer moved to a newer version stands (browser-safe, pure): put at the mapped step
 * with the context they had. A wait keeps the absolute deadline they had (durable time is
 * absolute); a wait with no timer in the new version drops it; from a timer-less wait to a timed
 * one, the new timer starts now. Shared by the move itself (workflow/move-version.ts) and its
 * preview (simulate/move.ts), so the preview places customers exactly as the move will.
 */
import type { JourneyContext } from '../compile/context.js';
import type { Journey } from '../journey/journey.js';
import { canReceive } from '../journey/version-map.js';
import { definitionOf } from '../nodes/registry.js';
import type { RunState } from './driver.js';

/** The run state at `destId`, or undefined when the step is missing or cannot receive customers. */
export function placeMoved(journey: Journey, destId: string, before: JourneyContext, now: number): { state: RunState; clock: number; deadline?: number } | undefined {
  const dest = journey.nodes.find((n) => n.id === destId);
  if (!dest || !canReceive(dest)) return undefined;
  const clock = Math.max(now, before.now);
  const def = definitionOf(dest.type);
  let deadline: number | undefined;
  if (def.behaviour === 'wait') {
    const fresh = def.deadline(dest, clock, before.profile.timeZone || journey.settings.timeZone, before.profile.attributes ?? {});
    deadline = fresh === undefined ? undefined : (before.deadline ?? fresh);
  }
  const { deadline: _old, ...rest } = before;
  const context: JourneyContext = { ...rest, now: clock, current: destId, steps: [], ...(deadline !== undefined ? { deadline } : {}) };
  return { state: { value: destId, context, done: false }, clock, ...(deadline !== undefined ? { deadline } : {}) };
}
