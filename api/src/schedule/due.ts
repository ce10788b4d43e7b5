/**
 * When a schedule trigger fires: the latest firing time in (after, now], in the journey's time
 * zone. Only the latest: a server that was down for three days fires a daily schedule once on
 * return, not three times.
 */
import type { JourneyNode } from '@cairn/core';
import { zonedParts, zonedTimeToInstant } from '@cairn/core';

export type Schedule = Extract<JourneyNode, { type: 'trigger.schedule' }>['schedule'];

const DAY = 86_400_000;

export function lastDueFire(schedule: Schedule, timeZone: string, after: number, now: number): number | undefined {
  if (schedule.kind === 'once') {
    const at = Date.parse(schedule.at);
    return at > after && at <= now ? at : undefined;
  }
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  // Walk back over local calendar days (a month covers every recurring rule).
  for (let back = 0; back <= 32; back++) {
    const d = zonedParts(now - back * DAY, timeZone);
    const at = zonedTimeToInstant(timeZone, d.year, d.month, d.day, hour, minute);
    if (at > now) continue;
    if (at <= after) return undefined;
    if (matchesDay(schedule, d.year, d.month, d.day)) return at;
  }
  return undefined;
}

function matchesDay(s: Extract<Schedule, { kind: 'recurring' }>, year: number, month: number, day: number): boolean {
  if (s.every === 'day') return true;
  if (s.every === 'week') {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    return s.daysOfWeek.length === 0 ? weekday === 1 : s.daysOfWeek.includes(weekday);
  }
  return day === (s.dayOfMonth ?? 1);
}
