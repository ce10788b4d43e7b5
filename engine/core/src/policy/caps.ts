/**
 * Frequency caps: "at most N per rolling window". A cap counts the customer's non-transactional
 * sends matching its scope whose time lies in (t - window, t]; a new message fits while that
 * count is below the limit. A send leaves the window exactly `window` after it was sent, which
 * gives the exact next allowed instant.
 */
import { durationMs, type Channel } from '../journey/primitives.js';
import type { FrequencyCap, RecentSend } from './types.js';

/** Whether `cap` governs a message on `channel` about `topic`. */
export function capApplies(cap: FrequencyCap, channel: Channel, topic: string | null | undefined): boolean {
  return (cap.channel === undefined || cap.channel === channel) && (cap.topic === undefined || cap.topic === topic);
}

/** A person-readable name for a cap, e.g. "3 promotions email per 7 days". */
export function describeCap(cap: FrequencyCap): string {
  const what = [cap.topic, cap.channel].filter(Boolean).join(' ') || 'message';
  const unit = cap.window.amount === 1 ? cap.window.unit.replace(/s$/, '') : cap.window.unit;
  return `${cap.limit} ${what}${cap.limit === 1 ? '' : 's'} per ${cap.window.amount} ${unit}`;
}

/**
 * A frequency cap a send would exceed, with how many sends are in its window and when there is room again.
 */
export interface CapHit {
  cap: FrequencyCap;
  /** Matching sends in the window at the time checked. */
  count: number;
  /** When enough of them have left the window for one more message. */
  until: number;
}

/** The caps a message on `channel`/`topic` would exceed at instant `at`. */
export function capsHit(
  caps: readonly FrequencyCap[],
  sends: readonly RecentSend[],
  channel: Channel,
  topic: string,
  at: number,
): CapHit[] {
  const hits: CapHit[] = [];
  for (const cap of caps) {
    if (!capApplies(cap, channel, topic)) continue;
    const window = durationMs(cap.window);
    // A send dated after `at` (clock skew between writers) counts as sent at `at`.
    const times = sends
      .filter((s) => !s.transactional && capApplies(cap, s.channel, s.topic ?? undefined))
      .map((s) => Math.min(s.at, at))
      .filter((t) => t > at - window)
      .sort((a, b) => a - b);
    if (times.length < cap.limit) continue;
    // The (count - limit + 1)-th oldest must leave before one more fits.
    const oldest = times[times.length - cap.limit] ?? at;
    hits.push({ cap, count: times.length, until: cap.limit === 0 ? Infinity : oldest + window });
  }
  return hits;
}
