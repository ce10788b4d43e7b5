/**
 * A task's due time inside its rep's working hours: the due instant, moved to the next opening of
 * the rep's week when it falls outside (evening, weekend). Pure.
 */
import { nextWindowOpening } from '../time/zoned.js';

/** A team's working hours: ISO weekdays, local start and end time, and the time zone. */
export interface WorkingHours {
  timeZone: string;
  /** "HH:MM", local. */
  workStart: string;
  workEnd: string;
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  workDays: readonly number[];
}

/**
 * The instant a task is due when `dueInMs` of working time must pass from `from` (hours off do not count).
 */
export function dueWithinHours(from: number, dueInMs: number, hours: WorkingHours | undefined): number {
  const due = from + dueInMs;
  if (!hours) return due;
  // zoned.ts counts 0 = Sunday.
  return nextWindowOpening(due, hours.timeZone, hours.workDays.map((d) => d % 7), hours.workStart, hours.workEnd);
}
