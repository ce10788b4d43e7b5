/**
 * Event names Cairn gives its own events: `$enrol` (an enrolment through the API or the UI),
 * `$attribute_changed`, `$schedule`, `$identify`, `$page`… Triggers, waits and goals match them
 * by name, so an outside caller that could send one would forge Cairn's decisions (enter every
 * journey with a manual trigger, fake an attribute change). Every boundary that takes an event
 * name from outside refuses these (api/src/ingest/segment.ts).
 */

/** The prefix of every name Cairn keeps for itself. */
export const RESERVED_EVENT_PREFIX = '$';

/** True when `name` is one of Cairn's own event names, which outside callers may not send. */
export function isReservedEventName(name: string): boolean {
  return name.startsWith(RESERVED_EVENT_PREFIX);
}
