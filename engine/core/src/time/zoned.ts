/**
 * Wall-clock arithmetic in a customer's own time zone, with Intl only (no tz database of our
 * own), so it runs unchanged in the browser and in the Temporal workflow sandbox.
 */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock reading of instant `ms` in `tz`. */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
export function offsetMs(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` reads the given local time. A local time skipped
 * by a daylight-saving jump resolves to the first instant after the gap; a repeated one to its
 * first occurrence.
 */
export function zonedTimeToInstant(
  tz: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes converge for every real-world offset change.
  let instant = guess - offsetMs(guess, tz);
  instant = guess - offsetMs(instant, tz);
  const check = zonedParts(instant, tz);
  if (check.hour !== hour || check.minute !== minute) {
    // In a DST gap: the wall-clock time does not exist; take the moment the clocks jump.
    // The jump lies between the readings with the offsets before and after it (at most a few
    // hours apart); bisect on whole minutes for the first instant with the new offset.
    const before = guess - offsetMs(guess - 86_400_000, tz);
    const after = guess - offsetMs(guess + 86_400_000, tz);
    let lo = Math.min(before, after);
    let hi = Math.max(before, after);
    const oldOffset = offsetMs(lo, tz);
    while (hi - lo > 60_000) {
      const mid = lo + Math.max(60_000, Math.floor((hi - lo) / 120_000) * 60_000);
      if (offsetMs(mid, tz) === oldOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }
  return instant;
}

export function parseTimeOfDay(t: string): { hour: number; minute: number } {
  const [h, m] = t.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/**
 * The first instant at or after `from` that falls inside a weekly window: on one of `days`
 * (0 = Sunday), between `start` and `end` local time in `tz`. `end` before `start` means the
 * window crosses midnight (e.g. 22:00-06:00).
 */
export function nextWindowOpening(
  from: number,
  tz: string,
  days: readonly number[],
  start: string,
  end: string,
): number {
  const s = parseTimeOfDay(start);
  const e = parseTimeOfDay(end);
  const startMin = s.hour * 60 + s.minute;
  const endMin = e.hour * 60 + e.minute;
  const allowed = new Set(days.length ? days : [0, 1, 2, 3, 4, 5, 6]);
  const crossesMidnight = endMin <= startMin;

  const here = zonedParts(from, tz);
  const nowMin = here.hour * 60 + here.minute;
  const inWindow = (weekday: number, minute: number): boolean => {
    if (!crossesMidnight) return allowed.has(weekday) && minute >= startMin && minute < endMin;
    // The part after midnight belongs to the previous day's window.
    if (minute >= startMin) return allowed.has(weekday);
    return minute < endMin && allowed.has((weekday + 6) % 7);
  };
  if (inWindow(here.weekday, nowMin)) return from;

  // Otherwise the next opening is the start time on one of the next 8 days.
  const base = Date.UTC(here.year, here.month - 1, here.day);
  for (let i = 0; i <= 7; i++) {
    const d = new Date(base + i * 86_400_000);
    if (!allowed.has(d.getUTCDay())) continue;
    const at = zonedTimeToInstant(tz, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), s.hour, s.minute);
    if (at >= from) return at;
  }
  // Unreachable with at least one allowed day; a week later is a safe answer.
  return from + 7 * 86_400_000;
}
