/**
 * Wait: until a date the customer's profile holds ("3 days before renewalDate at 09:00", "on the
 * birthday at 09:00", every year), in the customer's own time zone. A customer without a usable
 * date, or whose date has already passed, goes on at once; the trace says which.
 */
import { z } from 'zod';
import { TimeOfDay } from '../../journey/primitives.js';
import { readPath } from '../../rules/evaluate.js';
import { parseTimeOfDay, zonedParts, zonedTimeToInstant } from '../../time/zoned.js';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const DateWaitNode = z.object({
  ...nodeBase,
  type: z.literal('wait.date'),
  /** The profile attribute holding the date ("renewalDate", "profile.birthday"): YYYY-MM-DD, an ISO timestamp or epoch ms. */
  attribute: z.string().trim().min(1, 'name the date attribute').max(128),
  /** Days from the date: negative before it (-3: three days before), positive after. */
  offsetDays: z.number().int().min(-366).max(366).default(0),
  /** Local time of day in the customer's time zone. */
  at: TimeOfDay.default('09:00'),
  /** Only month and day count, and the next one is awaited (birthdays, anniversaries). */
  everyYear: z.boolean().default(false),
});
export type DateWaitNode = z.infer<typeof DateWaitNode>;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date an attribute value names, in `tz` for instants; undefined when it names none. */
export function calendarDateOf(value: unknown, tz: string): CalendarDate | undefined {
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value.trim());
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const check = new Date(Date.UTC(year, month - 1, day));
      return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : undefined;
    }
    // Only strict ISO-8601 instants: Date.parse's lenient forms ("1" is 2001) would guess.
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return undefined;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? zonedDate(ms, tz) : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 8.64e15) return zonedDate(value, tz);
  return undefined;
}

function zonedDate(ms: number, tz: string): CalendarDate {
  const p = zonedParts(ms, tz);
  return { year: p.year, month: p.month, day: p.day };
}

/** `date` moved by `days` on the calendar. */
function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 29 February in a year without one is the 28th. */
function inYear(date: CalendarDate, year: number): CalendarDate {
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
  return date.month === 2 && date.day === 29 && !leap ? { year, month: 2, day: 28 } : { ...date, year };
}

/**
 * When the wait ends for a customer arriving at `now`, and why. `now` itself when the date is
 * missing, unreadable or (not yearly) already past: the customer goes on at once.
 */
export function dateWaitDeadline(node: DateWaitNode, now: number, tz: string, attributes: Record<string, unknown>): { at: number; why: string } {
  const raw = readPath(attributes, node.attribute);
  const date = calendarDateOf(raw, tz);
  if (!date) return { at: now, why: raw === undefined || raw === null ? `no ${node.attribute}` : `${node.attribute} is not a date` };
  const { hour, minute } = parseTimeOfDay(node.at);
  const instant = (d: CalendarDate) => {
    const shifted = addDays(d, node.offsetDays);
    return zonedTimeToInstant(tz, shifted.year, shifted.month, shifted.day, hour, minute);
  };
  if (!node.everyYear) {
    const at = instant(date);
    return at >= now ? { at, why: 'the date' } : { at: now, why: `${node.attribute} has passed` };
  }
  const thisYear = zonedParts(now, tz).year;
  for (const year of [thisYear - 1, thisYear, thisYear + 1]) {
    const at = instant(inYear(date, year));
    if (at >= now) return { at, why: 'the next yearly date' };
  }
  return { at: now, why: `${node.attribute} has passed` };
}

const daysWord = (n: number) => `${Math.abs(n)} day${Math.abs(n) === 1 ? '' : 's'}`;

/** "3 days before renewalDate at 09:00, every year". */
export function describeDateWait(n: DateWaitNode): string {
  const when = n.offsetDays === 0 ? `on ${n.attribute}` : `${daysWord(n.offsetDays)} ${n.offsetDays < 0 ? 'before' : 'after'} ${n.attribute}`;
  return `${when} at ${n.at}${n.everyYear ? ', every year' : ''}`;
}

export const dateWait = defineNode({
  type: 'wait.date',
  category: 'wait',
  behaviour: 'wait',
  title: 'Wait until a date',
  description: 'Waits until a date in the profile, e.g. 3 days before renewalDate, or the birthday at 09:00 every year.',
  icon: 'calendar',
  schema: DateWaitNode,
  create: (id) => ({ id, type: 'wait.date', position: { x: 0, y: 0 }, attribute: 'renewalDate', offsetDays: -3, at: '09:00', everyYear: false }),
  sample: (id) => ({ id, type: 'wait.date', attribute: 'birthday', offsetDays: 0, at: '09:00', everyYear: true }),
  // Customers without the date go straight on: it does not break a loop.
  alwaysPauses: () => false,
  summary: describeDateWait,
  outputs: () => [NEXT],
  deadline: (n, now, tz, attributes) => dateWaitDeadline(n, now, tz, attributes ?? {}).at,
  timeoutOutput: 'next',
});
