/**
 * Which clock a customer's quiet hours are read on: the customer's own time zone, else the
 * journey's, else the workspace's, else UTC. An unknown or malformed zone (a typo in imported
 * attributes) is skipped rather than failing the send.
 */

const known = new Map<string, boolean>();

/** True when this runtime's Intl knows the IANA zone `tz`. */
export function isKnownTimeZone(tz: string): boolean {
  let ok = known.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = tz.length > 0;
    } catch {
      ok = false;
    }
    known.set(tz, ok);
  }
  return ok;
}

export interface TimeZoneChoices {
  customer?: string | null;
  journey?: string | null;
  workspace?: string | null;
}

/** The first known zone among customer, journey and workspace; UTC when none is. */
export function resolveTimeZone(choices: TimeZoneChoices): string {
  for (const tz of [choices.customer, choices.journey, choices.workspace]) {
    if (tz && isKnownTimeZone(tz)) return tz;
  }
  return 'UTC';
}
