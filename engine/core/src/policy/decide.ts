/**
 * The delivery policy as one pure function: may this message go to this customer now, and if
 * not, why not and until when? No I/O — the send path gathers the facts inside its transaction
 * and records the answer, the simulator and the API's "why not?" call the same function.
 *
 * Order, strongest first:
 *   1. suppression — hard ones stop everything, transactional included; soft ones stop marketing;
 *   2. consent for the topic on the channel;
 *   3. quiet hours in the customer's zone (transactional only when not exempted);
 *   4. frequency caps (never for transactional), evaluated when the message could actually go:
 *      'skip' drops it, 'defer' waits for the first instant both caps and quiet hours allow.
 */
import { zonedParts } from '../time/zoned.js';
import { capsHit, describeCap, type CapHit } from './caps.js';
import { checkConsent } from './consent.js';
import { nextOutsideQuietHours } from './quiet-hours.js';
import { findSuppression, suppressedDecision } from './suppression.js';
import { resolveTimeZone } from './timezone.js';
import type { PolicyDecision, PolicyInput } from './types.js';

/** "2026-03-29 08:00 Europe/Paris": an instant as the customer's clock shows it. */
export function localLabel(at: number, tz: string): string {
  const p = zonedParts(at, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} ${tz}`;
}

function capReason(hits: readonly CapHit[]): string {
  return hits.map((h) => `cap ${h.cap.id ? `"${h.cap.id}" ` : ''}(${describeCap(h.cap)}) reached with ${h.count}`).join('; ');
}

/** Decide one send. See the module comment for the order of the checks. */
export function decidePolicy(input: PolicyInput): PolicyDecision {
  const tz = resolveTimeZone(input.timeZones);

  const suppression = findSuppression(input.suppressions, input.channel, input.transactional);
  if (suppression) return suppressedDecision(suppression, input.channel);

  const consent = checkConsent(input.consents, input.topic, input.channel, input.consentMode, input.transactional);
  if (consent) return consent;

  const quiet = input.quietHours && !(input.transactional && input.quietHours.exemptTransactional) ? input.quietHours : undefined;
  const outsideQuiet = (t: number) => (quiet ? nextOutsideQuietHours(t, tz, quiet) : t);
  const earliest = outsideQuiet(input.now);

  const caps = input.transactional ? [] : input.caps;
  // A send stamped after `now` (clocks of two writers a little apart) counts as sent now.
  const sends = input.recentSends.map((s) => (s.at > input.now ? { ...s, at: input.now } : s));
  let hits = capsHit(caps, sends, input.channel, input.topic, earliest);
  if (hits.length === 0) {
    if (earliest === input.now) return { kind: 'allow', timeZone: tz };
    return {
      kind: 'quiet-hours',
      until: earliest,
      code: 'quiet-hours',
      reason: `quiet hours ${quiet?.start}-${quiet?.end} in ${tz}; next allowed ${localLabel(earliest, tz)}`,
    };
  }

  const code = hits[0]?.cap.id ?? 'frequency-cap';
  const reason = capReason(hits);
  if (input.capBehaviour === 'skip' || hits.some((h) => h.until === Infinity)) {
    return { kind: 'capped', action: 'skip', code, reason: `${reason}; skipped` };
  }
  // Caps only loosen as time passes (no new sends are assumed), so this settles in two rounds:
  // wait for the caps, then for quiet hours to end if that lands inside them.
  let t = earliest;
  for (let round = 0; round < 4 && hits.length > 0; round++) {
    t = outsideQuiet(Math.max(...hits.map((h) => h.until)));
    hits = capsHit(caps, sends, input.channel, input.topic, t);
  }
  return { kind: 'capped', action: 'defer', until: t, code, reason: `${reason}; deferred to ${localLabel(t, tz)}` };
}
