/**
 * Who a broadcast goes to. Browser-safe: the editor builds it, the API validates it, the
 * broadcast activities evaluate it page by page.
 * - `all`: every customer (merged profiles excepted: their survivor is a customer);
 * - `rules`: customers whose profile and event history match a rule group (the journey model's
 *   rules, engine/core/src/rules: the same conditions a split uses);
 * - `segment`: a saved segment's members (engine/src/segments; its membership rows, kept current
 *   as events and traits arrive, are read page by page when the broadcast sends).
 */
import { z } from 'zod';
import { RuleGroup } from '../rules/schema.js';

/** Who a broadcast goes to: everyone, customers matching a rule group, or a saved segment's members. */
export const Audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('rules'), group: RuleGroup }),
  z.object({ kind: z.literal('segment'), segmentId: z.string().min(1).max(200) }),
]);
export type Audience = z.infer<typeof Audience>;

/** When a broadcast sends. */
export const BroadcastTiming = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('now') }),
  /** At one instant (epoch ms). */
  z.object({ mode: z.literal('at'), at: z.number().int() }),
  /**
   * At the same wall-clock time in each customer's time zone: `date` YYYY-MM-DD, `time` HH:MM;
   * `timeZone` for customers without one (or with an unknown one).
   */
  z.object({
    mode: z.literal('local'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-24'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00'),
    timeZone: z.string().min(1).max(100),
  }),
]);
export type BroadcastTiming = z.infer<typeof BroadcastTiming>;

/** Messages per second a broadcast may send: the default, and the bounds. */
export const BROADCAST_RATE = { default: 50, min: 1, max: 2_000 } as const;
