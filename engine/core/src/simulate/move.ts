/**
 * The preview of "move waiting customers" (browser-safe, pure): each customer waiting in the live
 * version is put where the move will put them (run/place-moved.ts, the code the workflow uses) and
 * run on the new version's compiled machine until they rest at a wait or leave the journey, with
 * their own attributes, history and delivery policy. The fates are then grouped into sentences:
 * "412 customers at “Wait 2 days” move to “Wait 2 days” and wait there", "3 customers at “Wait
 * for order” move to “Send SMS”: “Send SMS” not sent (refused contact), then leave (the path ends there)". No time passes: the run stops at the first wait.
 */
import { compile, type CompiledJourney } from '../compile/compile.js';
import type { ExitInfo, JourneyContext } from '../compile/context.js';
import { stepRef, type StepRef } from '../journey/diff.js';
import type { Journey } from '../journey/journey.js';
import { LEAVE, holdsCustomers, type NodeMap } from '../journey/version-map.js';
import { definitionOf } from '../nodes/registry.js';
import type { CustomerEvent } from '../rules/facts.js';
import { placeMoved } from '../run/place-moved.js';
import { drive, type SimCustomer } from './simulate.js';

/** A customer inside the live version, as the records know them. */
export interface WaitingCustomer extends SimCustomer {
  /** The step of the live version they are at. */
  at: string;
  enteredAt: number;
  /** The deadline of the wait they are in (epoch ms), when it has one. */
  deadline?: number;
  history?: CustomerEvent[];
  segments?: string[];
}

/** What a message step did on the way (status as the send path records it: sent, suppressed, capped…). */
export interface MoveSend {
  nodeId: string;
  status: string;
  reason: string;
}

/** What happens to one waiting customer moved to a new version: where they go and what they are sent. */
export type MoveFate =
  /** Mapped to "leave" (or not mapped): finishes the live version as it is. */
  | { kind: 'stays' }
  /** Between two steps now (an action in flight): moves at the wait it reaches next. */
  | { kind: 'later' }
  | { kind: 'waits'; to: string; at: string; until?: number; sends: MoveSend[] }
  | { kind: 'exits'; to: string; exit: ExitInfo; sends: MoveSend[] };

function isMessageStep(compiled: CompiledJourney, nodeId: string): boolean {
  const node = compiled.index.nodes.get(nodeId);
  if (!node) return false;
  const def = definitionOf(node.type);
  return def.behaviour === 'effect' && def.message !== undefined;
}

/** One customer's fate under the new version, were the move applied at `now`. */
export function simulateMove(from: Journey, to: Journey | CompiledJourney, map: NodeMap, customer: WaitingCustomer, now: number): MoveFate {
  const old = from.nodes.find((n) => n.id === customer.at);
  if (old && !holdsCustomers(old)) return { kind: 'later' };
  const destId = map[customer.at];
  if (destId === undefined || destId === LEAVE) return { kind: 'stays' };
  const compiled = 'machine' in to ? to : compile(to);
  const profile = { attributes: customer.attributes ?? {}, ...(customer.timeZone ? { timeZone: customer.timeZone } : {}), ...(customer.segments ? { segments: customer.segments } : {}) };
  const context: JourneyContext = {
    customerId: customer.id,
    profile,
    history: customer.history ?? [],
    enteredAt: customer.enteredAt,
    now,
    steps: [],
    ...(customer.deadline !== undefined ? { deadline: customer.deadline } : {}),
  };
  const placed = placeMoved(compiled.journey, destId, context, now);
  if (!placed) return { kind: 'stays' };
  const run = drive(compiled, placed.state, undefined, customer, { timeline: [], next: 0, until: now, options: {}, stopAtRest: true });
  const sends: MoveSend[] = run.steps
    .filter((s) => s.kind === 'left' && s.status !== undefined && isMessageStep(compiled, s.nodeId))
    .map((s) => ({ nodeId: s.nodeId, status: s.status!, reason: s.reason }));
  if (run.status === 'exited') return { kind: 'exits', to: destId, exit: run.exit ?? { reason: 'completed', at: now }, sends };
  const at = run.waitingAt ?? destId;
  // Still at the step they were put at: its deadline is the one the move keeps.
  const until = at === destId ? placed.deadline : undefined;
  return { kind: 'waits', to: destId, at, ...(until !== undefined ? { until } : {}), sends };
}

/** Customers who share a fate, in one sentence. */
export interface MoveGroup {
  from: StepRef;
  fate: MoveFate['kind'];
  count: number;
  sentence: string;
  /** A few of them, for "who?" (the first ids met). */
  customers: string[];
}

/** Verbs for one customer and for many: "1 customer moves", "3 customers move". */
const verb = (one: boolean, base: string) => (one ? (base.endsWith('y') && !base.endsWith('ay') ? `${base.slice(0, -1)}ies` : `${base}s`) : base);
const EXIT_WORDS: Record<string, (one: boolean) => string> = {
  goal: (one) => `${verb(one, 'convert')} (the goal is reached)`,
  'end-of-path': (one) => `${verb(one, 'leave')} (the path ends there)`,
  completed: (one) => `${verb(one, 'leave')} (the exit is reached)`,
  holdout: (one) => `${verb(one, 'leave')} (kept out as the holdout)`,
  'exit-event': (one) => `${verb(one, 'leave')} (an exit event)`,
};
const SEND_WORDS: Record<string, string> = { sent: 'sent', suppressed: 'not sent (refused contact)', capped: 'not sent (frequency cap)', skipped: 'skipped', deferred: 'held back' };
const SAMPLE = 5;

/** Groups fates by where they come from and what happens next, the largest group first. */
export function groupMoveFates(from: Journey, to: Journey, fates: ReadonlyArray<{ customerId: string; at: string; fate: MoveFate }>, liveVersion: number): MoveGroup[] {
  const oldNodes = new Map(from.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(to.nodes.map((n) => [n.id, n]));
  const refOld = (id: string): StepRef => {
    const n = oldNodes.get(id);
    return n ? stepRef(n) : { nodeId: id, title: id || 'starting', kind: 'step' };
  };
  const title = (id: string) => {
    const n = newNodes.get(id);
    return `“${n ? stepRef(n).title : id}”`;
  };
  const groups = new Map<string, MoveGroup & { tail(one: boolean): string }>();
  for (const { customerId, at, fate } of fates) {
    const sends = fate.kind === 'waits' || fate.kind === 'exits' ? fate.sends.map((s) => `${title(s.nodeId)} ${SEND_WORDS[s.status] ?? s.status}`) : [];
    const then = sends.length > 0 ? `: ${sends.join(', ')}, then` : ' and';
    let tail: (one: boolean) => string;
    if (fate.kind === 'stays') tail = (one) => `${verb(one, 'stay')} on version ${liveVersion}`;
    else if (fate.kind === 'later') tail = (one) => `${verb(one, 'move')} at the wait they reach next`;
    else if (fate.kind === 'waits') {
      const where = fate.at === fate.to ? 'there' : `at ${title(fate.at)}`;
      tail = (one) => `${verb(one, 'move')} to ${title(fate.to)}${then} ${verb(one, 'wait')} ${where}`;
    } else {
      const exit = fate.exit.reason;
      tail = (one) => `${verb(one, 'move')} to ${title(fate.to)}${then} ${EXIT_WORDS[exit]?.(one) ?? `${verb(one, 'leave')} (${exit})`}`;
    }
    const key = `${at}\u0000${tail(false)}`;
    let g = groups.get(key);
    if (!g) {
      g = { from: refOld(at), fate: fate.kind, count: 0, sentence: '', customers: [], tail };
      groups.set(key, g);
    }
    g.count++;
    if (g.customers.length < SAMPLE) g.customers.push(customerId);
  }
  return [...groups.values()]
    .map(({ tail, ...g }) => ({ ...g, sentence: `${g.count} customer${g.count === 1 ? '' : 's'} at “${g.from.title}” ${tail(g.count === 1)}.` }))
    .sort((a, b) => b.count - a.count || a.sentence.localeCompare(b.sentence));
}
