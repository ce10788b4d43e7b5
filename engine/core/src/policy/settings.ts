/**
 * The workspace's delivery-policy settings: the fallback time zone, quiet hours, frequency caps
 * and the consent topics (with their mode). Stored as one JSON document by the API; parsed here
 * so every reader applies the same defaults.
 */
import { z } from 'zod';
import { TimeZone, Topic } from '../journey/primitives.js';
import { ConsentMode, FrequencyCap, QuietHours } from './types.js';

/** One message topic of the workspace: its id and label, its consent mode and whether it is transactional. */
export const TopicSetting = z.object({
  id: Topic,
  label: z.string().min(1).max(100),
  description: z.string().max(500).default(''),
  consentMode: ConsentMode.default('opt-out'),
  /** Transactional topics are not listed on the preference page (nothing to opt out of). */
  transactional: z.boolean().default(false),
});
export type TopicSetting = z.infer<typeof TopicSetting>;

/**
 * The workspace's delivery settings: time zone, quiet hours, frequency caps, topics and the consent mode of
 * unlisted topics.
 */
export const PolicySettings = z.object({
  timeZone: TimeZone.default('UTC'),
  quietHours: QuietHours.nullable().default(null),
  caps: z.array(FrequencyCap).max(50).default([]),
  topics: z.array(TopicSetting).max(100).default([]),
  /** Consent mode of a topic not listed in `topics`. */
  unlistedTopicMode: ConsentMode.default('opt-out'),
});
export type PolicySettings = z.infer<typeof PolicySettings>;
/** Delivery settings as written, before defaults are applied. */
export type PolicySettingsInput = z.input<typeof PolicySettings>;

/** The settings with every default applied (for a workspace that has saved none). */
export const DEFAULT_POLICY_SETTINGS: PolicySettings = PolicySettings.parse({});

/** The consent mode of `topic` under these settings. */
export function consentModeOf(settings: PolicySettings, topic: string): ConsentMode {
  return settings.topics.find((t) => t.id === topic)?.consentMode ?? settings.unlistedTopicMode;
}

/** The longest cap window (ms): how far back the send path must look for recent sends. */
export function longestCapWindowMs(settings: Pick<PolicySettings, 'caps'>): number {
  const unit = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;
  return settings.caps.reduce((m, c) => Math.max(m, c.window.amount * unit[c.window.unit]), 0);
}
