/**
 * The test customer's description as the panel edits it (text, parsed on run), and its first
 * value. Kept apart from the simulator so the editor loads without it.
 */
import type { Duration, Journey, SimPolicy } from '@cairn/core';

export interface TimelineEvent {
  name: string;
  /** How long after the start the customer does it. */
  after: Duration;
  /** JSON text of the event's properties. */
  properties: string;
}

export interface TestCustomer {
  id: string;
  attributes: string;
  timeZone: string;
  suppressed: string[];
  /**
   * A real customer's policy facts (consent, the workspace's quiet hours and caps, past sends):
   * their message steps meet production's policy. Suppressions stay in `suppressed` (editable).
   */
  policy?: SimPolicy;
}

export interface SimulateState {
  customer: TestCustomer;
  timeline: TimelineEvent[];
  /** "YYYY-MM-DDTHH:MM", UTC. */
  start: string;
  /**
   * The trigger event the first test event was filled from: while the first event still has that
   * name it follows the trigger as it is edited (it went stale); a name the marketer typed stays.
   */
  followed?: string;
}

/** The event the journey's first event trigger waits for, if any. */
export function triggerEventOf(journey: Journey): string | undefined {
  const trigger = journey.nodes.find((n) => n.type === 'trigger.event') as { event?: string } | undefined;
  return trigger?.event || undefined;
}

/** The state with its first event renamed after the trigger, when it still follows it (else the same object). */
export function followTrigger(state: SimulateState, journey: Journey): SimulateState {
  const event = triggerEventOf(journey);
  const first = state.timeline[0];
  if (!event || !first || first.name !== state.followed || event === first.name) return state;
  return { ...state, followed: event, timeline: [{ ...first, name: event }, ...state.timeline.slice(1)] };
}

export function initialSimulateState(journey: Journey): SimulateState {
  const name = triggerEventOf(journey) ?? 'Signed Up';
  return {
    customer: { id: 'test-customer', attributes: JSON.stringify({ firstName: 'Ana', email: 'ana@example.com', locale: 'en' }, null, 2), timeZone: 'UTC', suppressed: [] },
    timeline: [{ name, after: { amount: 0, unit: 'minutes' }, properties: '{}' }],
    followed: name,
    start: new Date(Date.UTC(2026, 0, 5, 9)).toISOString().slice(0, 16),
  };
}

export function parseObject(text: string, what: string): Record<string, unknown> {
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new Error(`${what}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what}: must be a JSON object`);
  return v as Record<string, unknown>;
}

export function parseAttributes(text: string): Record<string, unknown> {
  return parseObject(text, 'attributes');
}
