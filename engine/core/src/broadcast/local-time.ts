/** "09:00 on 2026-12-24 in each customer's time zone" as instants (pure). */
import { zonedTimeToInstant } from '../time/zoned.js';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant `date` `time` happens in `zone`, or in `fallback` when `zone` is absent or not an
 * IANA zone. `date` is YYYY-MM-DD, `time` HH:MM.
 */
export function localInstant(date: string, time: string, zone: string | null, fallback: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const tz = zone && isTimeZone(zone) ? zone : fallback;
  return zonedTimeToInstant(tz, y, m, d, hh, mm);
}
