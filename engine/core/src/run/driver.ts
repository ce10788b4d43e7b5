/**
 * The driver every runtime shares (the browser simulator and the Temporal workflow): start a
 * customer's run, feed it events with xstate's pure `transition`, and ask what the run is
 * waiting for. It performs no effect and reads no clock; callers do both.
 */
import type { StateValue } from 'xstate';
import { ENDED, START, type CompiledJourney } from '../compile/compile.js';
import type { ExitInfo, JourneyContext, TraceStep } from '../compile/context.js';
import type { EnterEvent, MachineEvent } from '../compile/events.js';
import { definitionOf, type JourneyNode } from '../nodes/registry.js';
import { planOf, stepFlat, type FlatState } from './flat-machine.js';
import { initialSnapshot, transition, type Snapshot } from './xstate-adapter.js';

/** A run's state as plain JSON: what a workflow carries across continue-as-new. */
export interface RunState {
  value: StateValue;
  context: JourneyContext;
  done: boolean;
}

/** What a run needs next: an effect run, a wait (for an event or a deadline), nothing (ended), or it never entered. */
export type Pending =
  | { kind: 'effect'; node: JourneyNode }
  | { kind: 'wait'; node: JourneyNode; deadline?: number }
  | { kind: 'done'; exit: ExitInfo }
  | { kind: 'not-entered' };

/** A run after one event: its new state and the steps taken, in order. */
export interface Advanced {
  state: RunState;
  /** What happened during this event, in order. */
  steps: TraceStep[];
}

// States we produced keep their xstate snapshot, so the hot path skips `resolveState`.
const snapshots = new WeakMap<RunState, Snapshot>();
/** Steps are drained by slicing; the list is reset once it grows past this. */
const STEP_COMPACT_AT = 256;

function toState(compiled: CompiledJourney, snap: Snapshot): RunState {
  let snapshot = snap;
  if (snapshot.context.steps.length > STEP_COMPACT_AT) {
    snapshot = compiled.machine.resolveState({ value: snapshot.value, context: { ...snapshot.context, steps: [] } });
  }
  const state: RunState = { value: snapshot.value, context: snapshot.context, done: snapshot.status === 'done' };
  snapshots.set(state, snapshot);
  return state;
}

function snapshotOf(compiled: CompiledJourney, state: RunState): Snapshot {
  return snapshots.get(state) ?? compiled.machine.resolveState({ value: state.value, context: state.context });
}

// xstate's initialTransition costs far more than a transition, and the initial state is the
// same for every customer (the customer id arrives with `cairn.enter`), so it is made once.
const initialStates = new WeakMap<CompiledJourney, RunState>();

/** A run not yet entered. */
export function newRun(compiled: CompiledJourney): RunState {
  let state = initialStates.get(compiled);
  if (!state) {
    state = toState(compiled, initialSnapshot(compiled));
    initialStates.set(compiled, state);
  }
  return state;
}

/** Feeds one event. Events must come in time order (`at` never decreasing). */
export function advance(compiled: CompiledJourney, state: RunState, event: MachineEvent): Advanced {
  const plan = planOf(compiled);
  if (plan && typeof state.value === 'string') {
    // The flat stepper (flat-machine.ts): the steps of this event are collected in a fresh list,
    // so the context never accumulates the trace.
    const next = stepFlat(plan, state as FlatState, event);
    return { state: next, steps: next.context.steps };
  }
  const before = snapshotOf(compiled, state);
  const seen = before.context.steps.length;
  const after = transition(compiled, before, event);
  const steps = after.context.steps.length >= seen ? after.context.steps.slice(seen) : after.context.steps.slice();
  return { state: toState(compiled, after), steps };
}

/** Enrols the customer through `enter.triggerId`. */
export function startRun(compiled: CompiledJourney, customerId: string, enter: EnterEvent): Advanced {
  return advance(compiled, newRun(compiled), { ...enter, customerId });
}

/** What the run waits for: an effect to perform, a deadline or event, or nothing (done). */
export function pending(compiled: CompiledJourney, state: RunState): Pending {
  const value = typeof state.value === 'string' ? state.value : Object.keys(state.value)[0] ?? '';
  if (state.done || value === ENDED) {
    return { kind: 'done', exit: state.context.exit ?? { reason: 'completed', at: state.context.now } };
  }
  if (value === START) return { kind: 'not-entered' };
  const node = compiled.index.nodes.get(value);
  if (!node) throw new Error(`run is in unknown state "${value}"`);
  const behaviour = definitionOf(node.type).behaviour;
  if (behaviour === 'effect') return { kind: 'effect', node };
  if (behaviour === 'wait') {
    return state.context.deadline === undefined ? { kind: 'wait', node } : { kind: 'wait', node, deadline: state.context.deadline };
  }
  // Triggers and conditions are transient; a run can only rest in them if a guard failed.
  throw new Error(`run stopped at ${node.type} node ${node.id}: no output could be taken`);
}

/** The node id the run is at (or `$start` / `$ended`). */
export function currentNode(state: RunState): string {
  return typeof state.value === 'string' ? state.value : Object.keys(state.value)[0] ?? '';
}
