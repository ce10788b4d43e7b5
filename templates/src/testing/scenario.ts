/**
 * Scripted test customers for template tests: a customer, a timeline of events (offsets from the
 * start like "2d4h"), and the path they must take. Paths are written as node ids, with the
 * output after a colon when it is not "next": ['scan', 'spin:ebook', 'claimed:timeout', …].
 */
import type { CustomerEvent, Journey, SimulationResult, TraceStep } from '@cairn/core';
import { definitionOf, simulate } from '@cairn/core';

/** Monday 5 January 2026, 08:00 UTC: every scenario starts here. */
export const START = Date.UTC(2026, 0, 5, 8, 0);

const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "2d4h" → milliseconds; a leading "-" means before the start. */
export function offset(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^-/, '');
  if (!/^(\d+[mhdw])+$/.test(body)) throw new Error(`bad offset "${text}" (use e.g. "2d4h")`);
  let ms = 0;
  for (const [, n, u] of body.matchAll(/(\d+)([mhdw])/g)) ms += Number(n) * UNIT[u!]!;
  return sign * ms;
}

export interface ScriptedEvent {
  name: string;
  /** Offset from START, e.g. "3h", "2d", "-30d". */
  at: string;
  properties?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  customer?: { id?: string; attributes?: Record<string, unknown>; suppressed?: string[] };
  events: ScriptedEvent[];
  /** Forced outcomes of action nodes (node id → output), e.g. a webhook that fails. Runs through the driver. */
  outcomes?: Record<string, string>;
  expectPath: string[];
  /** "goal:<goal id>", "completed:<exit id>", "exit-event:<node waited at>", "not-entered". */
  expectExit: string;
}

export function toEvents(events: readonly ScriptedEvent[]): CustomerEvent[] {
  return events.map((e) => ({ name: e.name, at: START + offset(e.at), properties: e.properties ?? {} }));
}

/** Runs a scenario through `simulate()`, forcing the action outcomes it names (e.g. a webhook failing). */
export function run(journey: Journey, s: Scenario): SimulationResult {
  const customer = { id: s.customer?.id ?? 'cust-1', ...s.customer };
  return simulate(journey, customer, toEvents(s.events), { start: START }, s.outcomes ? { force: s.outcomes } : {});
}

/** The path as written in scenarios: outputs taken, and the exit step reached. */
export function pathOf(journey: Journey, steps: readonly TraceStep[]): string[] {
  const types = new Map(journey.nodes.map((n) => [n.id, n.type]));
  const path: string[] = [];
  for (const s of steps) {
    if (s.kind === 'left') path.push(s.output === 'next' ? s.nodeId : `${s.nodeId}:${s.output}`);
    else if (s.kind === 'entered' && types.get(s.nodeId) === 'exit') path.push(s.nodeId);
  }
  return path;
}

export function exitOf(r: SimulationResult): string {
  if (r.status === 'not-entered') return 'not-entered';
  if (r.status === 'waiting') return `waiting:${r.waitingAt}`;
  return r.exit?.nodeId ? `${r.exit.reason}:${r.exit.nodeId}` : (r.exit?.reason ?? 'unknown');
}

/** Every (node, output) pair of a journey: what the scenarios together must take (retired outputs are never taken). */
export function allOutputs(journey: Journey): string[] {
  return journey.nodes.flatMap((n) => definitionOf(n.type).outputs(n as never).filter((o) => !o.retired).map((o) => `${n.id}:${o.id}`));
}

/** The (node, output) pairs a run took, plus the exit and goal nodes it ended at. */
export function covered(steps: readonly TraceStep[], r: SimulationResult): string[] {
  const pairs = steps.filter((s) => s.kind === 'left').map((s) => `${s.nodeId}:${s.output}`);
  if (r.exit?.nodeId) pairs.push(`end:${r.exit.nodeId}`);
  return pairs;
}

/** Ends every scenario set must reach: each exit node and each goal. */
export function allEnds(journey: Journey): string[] {
  return journey.nodes.filter((n) => n.type === 'exit' || n.type === 'goal').map((n) => `end:${n.id}`);
}

/** A customer id that a random split puts in `output` (the split is sticky per customer id). */
export function customerIdFor(journey: Journey, nodeId: string, output: string): string {
  const node = journey.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  const def = definitionOf(node.type);
  if (def.behaviour !== 'condition') throw new Error(`${nodeId} is not a condition`);
  for (let i = 0; i < 10_000; i++) {
    const id = `cust-${i}`;
    if (def.choose(node, { attributes: {}, history: [], now: START }, id).output === output) return id;
  }
  throw new Error(`no customer id lands in ${nodeId}:${output}`);
}
