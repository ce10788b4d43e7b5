/**
 * The delivery policy's vocabulary: suppressions, consent, frequency caps, quiet hours and the
 * decision itself. Plain data (zod schemas and the types of the same name), so the API, the
 * editor and the send path share one definition. Browser-safe: no I/O, no Node built-ins.
 */
import { z } from 'zod';
import { Channel, DayOfWeek, Duration, TimeOfDay, Topic } from '../journey/primitives.js';

/** A suppression covers one channel or every channel. */
export const SuppressionChannel = z.union([Channel, z.literal('all')]);
export type SuppressionChannel = z.infer<typeof SuppressionChannel>;

/** Why a customer is suppressed (issue 4's list). */
export const SuppressionReason = z.enum(['unsubscribed', 'refused_contact', 'hard_bounce', 'spam_complaint', 'manual', 'imported']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** An active suppression as the policy sees it (removed ones are simply not passed in). */
export const Suppression = z.object({
  channel: SuppressionChannel,
  reason: SuppressionReason,
  /** Hard blocks every message, transactional too. Left out: derived from the reason (see suppression.ts). */
  hard: z.boolean().optional(),
  /** When it was recorded (epoch ms); only used in reasons. */
  at: z.number().optional(),
  source: z.string().optional(),
});
export type Suppression = z.infer<typeof Suppression>;

/** Opt-in topics need a recorded grant; opt-out topics may be sent until refused. */
export const ConsentMode = z.enum(['opt-in', 'opt-out']);
export type ConsentMode = z.infer<typeof ConsentMode>;

/** One consent event for a topic on a channel ('all' = every channel). The latest one counts. */
export const ConsentRecord = z.object({
  topic: Topic,
  channel: SuppressionChannel,
  status: z.enum(['granted', 'refused']),
  at: z.number(),
  source: z.string().optional(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/**
 * "At most `limit` messages per rolling `window`", counted over the customer's non-transactional
 * sends that match the scope: no channel and no topic = global; a channel; a topic; or both
 * (e.g. at most 3 promotional emails per 7 days).
 */
export const FrequencyCap = z.object({
  id: z.string().min(1).optional(),
  channel: Channel.optional(),
  topic: Topic.optional(),
  limit: z.number().int().min(0).max(10_000),
  window: Duration.refine((d) => d.amount > 0, 'must be longer than zero'),
});
export type FrequencyCap = z.infer<typeof FrequencyCap>;

/** A message already sent (or claimed) to this customer, for cap counting. */
export const RecentSend = z.object({
  at: z.number(),
  channel: Channel,
  topic: z.string().nullable().optional(),
  transactional: z.boolean().optional(),
});
export type RecentSend = z.infer<typeof RecentSend>;

/**
 * Quiet hours, local to the customer: from `start` to `end` on the listed `days` (0 = Sunday;
 * empty = every day). An `end` at or before `start` crosses midnight and the night belongs to the
 * day it starts on (Friday 21:00-08:00 ends Saturday 08:00); `start` equal to `end` is the whole day.
 */
export const QuietHours = z
  .object({
    start: TimeOfDay,
    end: TimeOfDay,
    days: z.array(DayOfWeek).max(7).default([]),
    /** Transactional messages wait for quiet hours too, unless this is set. */
    exemptTransactional: z.boolean().default(false),
  })
  .refine((q) => !(q.start === q.end && (q.days.length === 0 || new Set(q.days).size === 7)), {
    message: 'quiet all day every day would never let a message through',
  });
export type QuietHours = z.infer<typeof QuietHours>;

/** What a send node does when a cap is reached: drop the message, or wait for the next allowed time. */
export const CapBehaviour = z.enum(['skip', 'defer']);
export type CapBehaviour = z.infer<typeof CapBehaviour>;

/** Everything the policy needs to decide one send. Gathered by the caller, inside the send transaction. */
export interface PolicyInput {
  channel: Channel;
  topic: string;
  transactional: boolean;
  /** Epoch ms of the decision. */
  now: number;
  /** Time zones, most specific first; the first valid one is used. */
  timeZones: { customer?: string | null; journey?: string | null; workspace?: string | null };
  suppressions: readonly Suppression[];
  consents: readonly ConsentRecord[];
  /** The consent mode of `topic`. */
  consentMode: ConsentMode;
  caps: readonly FrequencyCap[];
  recentSends: readonly RecentSend[];
  quietHours?: QuietHours | null;
  capBehaviour: CapBehaviour;
}

/** The outcome. Every refusal carries a `reason` a person can read and a `code` a program can. */
export type PolicyDecision =
  | { kind: 'allow'; timeZone: string }
  | { kind: 'suppressed'; code: SuppressionReason; hard: boolean; reason: string }
  | { kind: 'no-consent'; code: 'not-granted' | 'refused'; reason: string }
  | { kind: 'capped'; action: 'skip' | 'defer'; until?: number; code: string; reason: string }
  | { kind: 'quiet-hours'; until: number; code: 'quiet-hours'; reason: string };
