/**
 * Quiet hours on the customer's wall clock. Membership is decided on the local reading (weekday
 * and minute), so "no messages 21:00-08:00" means what the customer's clock shows, whatever the
 * offset that day. The end of a quiet spell is computed as an exact instant: the first moment
 * at or after which the clock reads the end time — across a daylight-saving jump (a skipped end
 * time resolves to the moment the clocks jump) and a repeated hour (the occurrence after `at`).
 */
import { zonedParts, zonedTimeToInstant, offsetMs, parseTimeOfDay } from '../time/zoned.js';
import type { QuietHours } from './types.js';

const DAY = 86_400_000;

interface Spec {
  start: number; // minute of day
  end: number;
  crosses: boolean;
  days: ReadonlySet<number>;
}

function spec(q: QuietHours): Spec {
  const s = parseTimeOfDay(q.start);
  const e = parseTimeOfDay(q.end);
  const start = s.hour * 60 + s.minute;
  const end = e.hour * 60 + e.minute;
  return { start, end, crosses: end <= start, days: new Set(q.days.length ? q.days : [0, 1, 2, 3, 4, 5, 6]) };
}

function quietReading(sp: Spec, weekday: number, minute: number): boolean {
  if (!sp.crosses) return sp.days.has(weekday) && minute >= sp.start && minute < sp.end;
  if (minute >= sp.start && sp.days.has(weekday)) return true;
  // Before the end time: the tail of the spell that began the previous evening.
  return minute < sp.end && sp.days.has((weekday + 6) % 7);
}

/** True when the customer's clock at `at` reads a time inside quiet hours. */
export function isQuiet(at: number, tz: string, q: QuietHours): boolean {
  const p = zonedParts(at, tz);
  return quietReading(spec(q), p.weekday, p.hour * 60 + p.minute);
}

/**
 * The first instant after `after` at which the clock in `tz` reads the local date and time
 * given; when that reading does not exist (a daylight-saving gap), the moment the clocks jump.
 */
export function localInstantAfter(tz: string, y: number, m: number, d: number, hour: number, minute: number, after: number): number {
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const jump = zonedTimeToInstant(tz, y, m, d, hour, minute);
  let best = Infinity;
  // Every offset in force near the target; a repeated hour yields two matching instants.
  for (const probe of [after, after + DAY, after + 2 * DAY, jump, jump - DAY, jump + DAY]) {
    const candidate = wall - offsetMs(probe, tz);
    if (candidate <= after || candidate >= best) continue;
    const r = zonedParts(candidate, tz);
    if (r.year === y && r.month === m && r.day === d && r.hour === hour && r.minute === minute) best = candidate;
  }
  if (best !== Infinity) return best;
  return jump > after ? jump : after + 60_000;
}

/** The end of the quiet spell that the clock reading at `at` is in. */
function spellEnd(sp: Spec, at: number, tz: string): number {
  const p = zonedParts(at, tz);
  const minute = p.hour * 60 + p.minute;
  const endsTomorrow = sp.crosses && minute >= sp.start && sp.days.has(p.weekday);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day) + (endsTomorrow ? DAY : 0));
  return localInstantAfter(tz, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(sp.end / 60), sp.end % 60, at);
}

/**
 * The next allowed instant: `at` itself when it is outside quiet hours, otherwise the end of
 * the quiet spell (following back-to-back spells, e.g. whole quiet days in a row).
 */
export function nextOutsideQuietHours(at: number, tz: string, q: QuietHours): number {
  const sp = spec(q);
  let t = at;
  // Eight spells cover a week of whole quiet days; the schema rejects "quiet all week".
  for (let i = 0; i < 9; i++) {
    const p = zonedParts(t, tz);
    if (!quietReading(sp, p.weekday, p.hour * 60 + p.minute)) return t;
    t = spellEnd(sp, t, tz);
  }
  return t;
}
