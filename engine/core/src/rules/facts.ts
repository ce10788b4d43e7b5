/** What rules are evaluated against: the customer's profile, their event history and the clock. */
import { z } from 'zod';
import type { Scalar } from './schema.js';

/** One event of a customer's history as rules read it. */
export const CustomerEvent = z.object({
  name: z.string().min(1),
  /** Epoch milliseconds. */
  at: z.number(),
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type CustomerEvent = z.infer<typeof CustomerEvent>;

/** A customer's profile as a run carries it: attributes, time zone and the saved segments they are in. */
export const Profile = z.object({
  attributes: z.record(z.string(), z.unknown()).default({}),
  timeZone: z.string().optional(),
  /** Ids of the saved segments the customer is in (the "is in segment" condition reads them). */
  segments: z.array(z.string()).optional(),
});
export type Profile = z.infer<typeof Profile>;

/** Everything a rule is evaluated against: attributes, the current event, past events, the time and segments. */
export interface Facts {
  attributes: Record<string, unknown>;
  /** The event that started the journey or released the last wait, if any. */
  event?: CustomerEvent;
  /** Past events, any order. */
  history: readonly CustomerEvent[];
  now: number;
  /** Saved segments the customer is in, when known (real runs; the simulator has none). */
  segments?: readonly string[];
}

export type { Scalar };
