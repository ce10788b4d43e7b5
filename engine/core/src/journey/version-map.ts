/**
 * Moving waiting customers from one published version to the next: which step of the new
 * version each old step's customers go to. Pure; both journeys are parsed.
 *
 * A customer rests only at a wait (the workflow applies a move at its next rest), so every wait
 * of the old version needs a destination: by default the step with the same id when it is still
 * a wait or an action, otherwise a step the marketer chose, or `leave` (stay on the old version,
 * today's behaviour). Destinations are waits (the customer keeps the remaining time of the wait
 * they were in) or actions (performed at once).
 *
 * @example
 * const r = resolveNodeMap(live, draft, { 'wait-sms': 'wait-2d' });
 * if (r.problems.length === 0) publishWithMove(r.map);
 */
import { definitionOf, type JourneyNode } from '../nodes/registry.js';
import { stepRef, type StepRef } from './diff.js';
import type { Journey } from './journey.js';

/** Stay on the old version. */
export const LEAVE = 'leave';
/** Old step id -> new step id, or `leave`. */
export type NodeMap = Record<string, string>;

/** A waiting step of the live version that cannot be mapped to the new version as chosen. */
export interface MapProblem {
  nodeId: string;
  message: string;
}

/** A node map with its gaps: the map, the old steps still unmapped, and the problems that block the move. */
export interface ResolvedNodeMap {
  map: NodeMap;
  /** Old waits whose step is gone and that have no destination chosen yet. */
  unmapped: StepRef[];
  problems: MapProblem[];
}

/** Whether customers can rest at the node (where a move finds them). */
export function holdsCustomers(node: JourneyNode): boolean {
  return definitionOf(node.type).behaviour === 'wait';
}

/** Whether a moved customer can be put at the node: a wait keeps their time, an action runs. */
export function canReceive(node: JourneyNode): boolean {
  const b = definitionOf(node.type).behaviour;
  return b === 'wait' || b === 'effect';
}

/**
 * The map for every wait of `from`: `choices` first (a new step id or `leave`), else the same id
 * when `to` still has a step there that can receive customers. A wait without either is listed
 * in `unmapped` and mapped to `leave`, so applying an incomplete map never loses anyone.
 */
export function resolveNodeMap(from: Journey, to: Journey, choices: NodeMap = {}): ResolvedNodeMap {
  const target = new Map(to.nodes.map((n) => [n.id, n]));
  const waits = from.nodes.filter(holdsCustomers);
  const known = new Set(waits.map((n) => n.id));
  const map: NodeMap = {};
  const unmapped: StepRef[] = [];
  const problems: MapProblem[] = [];
  for (const nodeId of Object.keys(choices)) {
    if (!known.has(nodeId)) problems.push({ nodeId, message: `"${nodeId}" is not a wait of the live version: no customer can be there` });
  }
  for (const node of waits) {
    const chosen = choices[node.id];
    if (chosen !== undefined) {
      const dest = target.get(chosen);
      if (chosen === LEAVE) map[node.id] = LEAVE;
      else if (!dest) problems.push({ nodeId: node.id, message: `"${stepRef(node).title}" is mapped to "${chosen}", which the new version does not have` });
      else if (!canReceive(dest)) problems.push({ nodeId: node.id, message: `"${stepRef(node).title}" is mapped to "${stepRef(dest).title}": customers can only move to a wait or an action` });
      else map[node.id] = chosen;
      continue;
    }
    const same = target.get(node.id);
    if (same && canReceive(same)) map[node.id] = node.id;
    else {
      map[node.id] = LEAVE;
      unmapped.push(stepRef(node));
    }
  }
  return { map, unmapped, problems };
}

/** Customers waiting at one step of the old version and where they go. */
export interface MoveLine {
  from: StepRef;
  count: number;
  /** The new step, or undefined when they stay on the old version (or are between waits). */
  to?: StepRef;
  /** At an action, not a wait: they move at the wait they reach next, per the map. */
  between?: true;
}

/**
 * The preview: for each old step with waiting customers, how many there are and where they go
 * ("12 waiting at Wait 3 days move to Wait 3 days"; "3 at Send SMS stay on version 1").
 * `waiting` counts customers by the old step id they rest at.
 */
export function movePreview(from: Journey, to: Journey, map: NodeMap, waiting: Record<string, number>): MoveLine[] {
  const oldNodes = new Map(from.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(to.nodes.map((n) => [n.id, n]));
  const lines: MoveLine[] = [];
  for (const [nodeId, count] of Object.entries(waiting)) {
    if (count <= 0) continue;
    const old = oldNodes.get(nodeId);
    const from_ = old ? stepRef(old) : { nodeId, title: nodeId, kind: 'step' };
    if (old && !holdsCustomers(old)) {
      lines.push({ from: from_, count, between: true });
      continue;
    }
    const destId = map[nodeId];
    const dest = destId !== undefined && destId !== LEAVE ? newNodes.get(destId) : undefined;
    lines.push(dest ? { from: from_, count, to: stepRef(dest) } : { from: from_, count });
  }
  return lines.sort((a, b) => b.count - a.count || a.from.title.localeCompare(b.from.title));
}
