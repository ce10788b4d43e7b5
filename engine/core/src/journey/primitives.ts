/**
 * Small value types shared by node schemas: ids, durations, times of day, channels, topics.
 * Every type is a zod schema and a TypeScript type of the same name.
 */
import { z } from 'zod';

/**
 * Names every JavaScript object inherits (`constructor`, `toString`, `__proto__`…): as keys of
 * plain objects (XState's state map, per-node counts) they would find the inherited member.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Node and output ids double as XState state keys, so they avoid XState's `.` and `#`, and the
 * names every object inherits.
 */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"')
  .refine((id) => !INHERITED_NAMES.has(id), { error: (issue) => `"${String(issue.input)}" is a reserved name: choose another id` });
export type Id = z.infer<typeof Id>;

/** The units a duration is written in. */
export const DurationUnit = z.enum(['minutes', 'hours', 'days', 'weeks']);
export type DurationUnit = z.infer<typeof DurationUnit>;

/** An amount of time a marketer writes ("3 days"). */
export const Duration = z.object({
  amount: z.number().int().min(0).max(100_000),
  unit: DurationUnit,
});
export type Duration = z.infer<typeof Duration>;

const UNIT_MS: Record<DurationUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** Milliseconds in a duration. Days are 24 hours here; calendar-aware waits use a time window. */
export function durationMs(d: Duration): number {
  return d.amount * UNIT_MS[d.unit];
}

/** "HH:MM", 24-hour clock. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** 0 = Sunday … 6 = Saturday, as in `Date#getDay`. */
export const DayOfWeek = z.number().int().min(0).max(6);
export type DayOfWeek = z.infer<typeof DayOfWeek>;

/** Where a step sits on the canvas. */
export const Position = z.object({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof Position>;

/** The ways Cairn contacts a customer. Every one of them goes through the delivery policy. */
export const Channel = z.enum(['email', 'sms', 'push', 'chat']);
export type Channel = z.infer<typeof Channel>;

/**
 * What a message is about. Consent is recorded per topic and channel; transactional messages
 * are exempt from caps but never from hard suppression.
 */
export const Topic = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_" (e.g. promotions)');
export type Topic = z.infer<typeof Topic>;

/**
 * The five-stage lifecycle a journey is filed under (awareness to loyalty), for the gallery and results per
 * stage.
 */
export const LifecycleStage = z.enum([
  'awareness',
  'consideration',
  'acquisition',
  'experience',
  'loyalty',
  'onboarding',
  'engagement',
  'retention',
  'win-back',
  'full-lifecycle',
]);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** An IANA time zone that this runtime's Intl knows (e.g. "Asia/Ho_Chi_Minh"). */
export const TimeZone = z.string().refine(isKnownTimeZone, { message: 'is not a known IANA time zone' });
export type TimeZone = z.infer<typeof TimeZone>;

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
