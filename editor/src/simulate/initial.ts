/**
 * The test customer's description as the panel edits it (text, parsed on run), and its first
 * value. Kept apart from the simulator so the editor loads without it.
 */
import type { Duration, Journey } from '@cairn/engine';

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
}

export interface SimulateState {
  customer: TestCustomer;
  timeline: TimelineEvent[];
  /** "YYYY-MM-DDTHH:MM", UTC. */
  start: string;
}

export function initialSimulateState(journey: Journey): SimulateState {
  const trigger = journey.nodes.find((n) => n.type === 'trigger.event') as { event?: string } | undefined;
  return {
    customer: { id: 'test-customer', attributes: JSON.stringify({ firstName: 'Ana', email: 'ana@example.com', locale: 'en' }, null, 2), timeZone: 'UTC', suppressed: [] },
    timeline: [{ name: trigger?.event ?? 'Signed Up', after: { amount: 0, unit: 'minutes' }, properties: '{}' }],
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
