/**
 * Journey settings shared by the templates. Every marketing template lets a customer who
 * unsubscribes leave at once (the seeds' rule: never keep disturbing someone who said no).
 */
import type { JourneyInput } from '@cairn/core';

export const UNSUBSCRIBED = 'Unsubscribed';

type Settings = NonNullable<JourneyInput['settings']>;

export function settings(o: {
  attributes: string[];
  exitEvents?: string[];
  entry?: Settings['entry'];
}): Settings {
  return {
    entry: o.entry ?? { mode: 'once', reentryAfterDays: 0, maxConcurrent: 1 },
    exitEvents: [UNSUBSCRIBED, ...(o.exitEvents ?? [])],
    timeZone: 'UTC',
    attributes: ['firstName', 'locale', ...o.attributes],
  };
}

/** A link-safe literal for Liquid text: parameters are validated, this is a second fence. */
export function literal(text: string): string {
  return text.replace(/[{}%]/g, '');
}
