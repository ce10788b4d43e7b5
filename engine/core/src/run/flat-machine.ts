/**
 * A direct stepper for the machines `compile` makes, which are flat: one level of states under
 * the root, transitions with a named guard, a target sibling (or none) and named `assign`
 * actions, `always` on transient states, root-level `on`, final states. For that subset it
 * computes exactly what xstate's `transition()` computes (SCXML order: exit actions, transition
 * actions, entry actions, then eventless transitions until the state rests), without building an
 * xstate snapshot per action: xstate clones its snapshot on every `assign`, and that was most of
 * a simulation's time.
 *
 * The plan is read from the xstate machine itself (its normalised state nodes), so the config
 * stays the one definition. A machine using anything outside the subset gets no plan and the
 * driver falls back to xstate (xstate-adapter.ts). flat-machine.test.ts compares the two step by
 * step over generated journeys.
 */
import type { AnyStateNode } from 'xstate';
import { ENDED, START, type CompiledJourney } from '../compile/compile.js';
import type { JourneyContext } from '../compile/context.js';
import type { MachineEvent } from '../compile/events.js';

type Args = { context: JourneyContext; event: MachineEvent };
type Assignment = (args: Args, params: unknown) => Partial<JourneyContext>;
type Guard = (args: Args, params: unknown) => boolean;

interface Action { assignment: Assignment; params: unknown }
interface Transition { guard?: { fn: Guard; params: unknown }; target?: PlanState; actions: Action[] }
interface PlanState {
  key: string;
  final: boolean;
  entry: Action[];
  exit: Action[];
  on: Map<string, Transition[]>;
  always: Transition[];
}
export interface Plan {
  states: Map<string, PlanState>;
  root: Map<string, Transition[]>;
}

/** Flat state after one event: the state's key, its context, and whether a final state was reached. */
export interface FlatState {
  value: string;
  context: JourneyContext;
  done: boolean;
}

class Unsupported extends Error {}

const plans = new WeakMap<CompiledJourney, Plan | null>();

/** The stepping plan of a compiled machine, or undefined when it uses more than the flat subset. */
export function planOf(compiled: CompiledJourney): Plan | undefined {
  let plan = plans.get(compiled);
  if (plan === undefined) {
    try {
      plan = buildPlan(compiled);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      plan = null;
    }
    plans.set(compiled, plan);
  }
  return plan ?? undefined;
}

function buildPlan(compiled: CompiledJourney): Plan {
  const { machine } = compiled;
  const impl = machine.implementations as unknown as { actions: Record<string, unknown>; guards: Record<string, unknown> };
  const root = machine.root as AnyStateNode;
  if (root.entry.length || root.exit.length || root.always?.length || root.invoke.length || root.after.length) throw new Unsupported('root behaviour');

  const action = (a: unknown): Action => {
    const ref = typeof a === 'string' ? { type: a, params: undefined } : (a as { type?: unknown; params?: unknown });
    if (typeof ref.type !== 'string' || typeof ref.params === 'function') throw new Unsupported('inline action');
    const fn = impl.actions[ref.type] as { type?: string; assignment?: unknown } | undefined;
    if (!fn || fn.type !== 'xstate.assign' || typeof fn.assignment !== 'function') throw new Unsupported(`action ${ref.type}`);
    return { assignment: fn.assignment as Assignment, params: ref.params };
  };
  const guard = (g: unknown): Transition['guard'] => {
    if (g === undefined) return undefined;
    const ref = typeof g === 'string' ? { type: g, params: undefined } : (g as { type?: unknown; params?: unknown });
    if (typeof ref.type !== 'string' || typeof ref.params === 'function') throw new Unsupported('inline guard');
    const fn = impl.guards[ref.type];
    if (typeof fn !== 'function' || 'check' in fn) throw new Unsupported(`guard ${ref.type}`);
    return { fn: fn as Guard, params: ref.params };
  };

  const states = new Map<string, PlanState>();
  const nodes = Object.values(root.states) as AnyStateNode[];
  for (const sn of nodes) {
    if (sn.type !== 'atomic' && sn.type !== 'final') throw new Unsupported(`${sn.type} state`);
    if (sn.invoke.length || sn.after.length) throw new Unsupported('invoke or delays');
    states.set(sn.key, { key: sn.key, final: sn.type === 'final', entry: sn.entry.map(action), exit: sn.exit.map(action), on: new Map(), always: [] });
  }
  const transitions = (defs: readonly unknown[] | undefined): Transition[] =>
    (defs ?? []).map((d) => {
      const t = d as { target?: AnyStateNode[]; guard?: unknown; actions: unknown[]; reenter?: boolean; source: AnyStateNode };
      if (t.target && t.target.length > 1) throw new Unsupported('several targets');
      const target = t.target?.[0];
      const planTarget = target ? states.get(target.key) : undefined;
      if (target && (target.parent !== root || !planTarget)) throw new Unsupported('target outside the root');
      // Any targeted transition exits the current state and enters the target (siblings under the
      // root), except a transition to its own source without `reenter`, which xstate keeps inside.
      if (target && target === t.source && !t.reenter) throw new Unsupported('internal self-transition');
      const g = guard(t.guard);
      return { ...(g ? { guard: g } : {}), ...(planTarget ? { target: planTarget } : {}), actions: t.actions.map(action) };
    });
  const eventsOf = (sn: AnyStateNode): Map<string, Transition[]> => {
    const on = new Map<string, Transition[]>();
    for (const [type, defs] of Object.entries(sn.on as Record<string, readonly unknown[]>)) {
      if (type.includes('*')) throw new Unsupported('wildcard event');
      on.set(type, transitions(defs));
    }
    return on;
  };
  for (const sn of nodes) {
    const s = states.get(sn.key)!;
    s.on = eventsOf(sn);
    s.always = transitions(sn.always);
  }
  if (!states.has(START) || !states.has(ENDED)) throw new Unsupported('missing $start or $ended');
  return { states, root: eventsOf(root) };
}

function enabled(list: Transition[] | undefined, context: JourneyContext, event: MachineEvent): Transition | undefined {
  if (!list) return undefined;
  const args = { context, event };
  for (const t of list) if (!t.guard || t.guard.fn(args, t.guard.params)) return t;
  return undefined;
}

/**
 * Applies `assign` actions in order, each seeing the context the previous one left: what xstate
 * does, except that the context is one working copy merged in place (xstate makes a new context
 * and snapshot per action). Assignments only read their arguments and return new values.
 */
function run(actions: Action[], context: JourneyContext, event: MachineEvent): void {
  for (const a of actions) Object.assign(context, a.assignment({ context, event }, a.params));
}

/**
 * Feeds one event: the next state, as xstate's `transition()` would compute it. The returned
 * context is a new object (the given state is never changed) whose `steps` are the steps of this
 * event only.
 */
export function stepFlat(plan: Plan, state: FlatState, event: MachineEvent): FlatState {
  let current = plan.states.get(state.value);
  if (!current) throw new Error(`run is in unknown state "${state.value}"`);
  const context: JourneyContext = { ...state.context, steps: [] };
  let done = state.done;

  // The event's transition: the state's own first, then the root's.
  let t = enabled(current.on.get(event.type), context, event) ?? enabled(plan.root.get(event.type), context, event);
  // Then eventless transitions (with the same event), until the state rests or the run ends.
  while (t) {
    if (t.target) {
      run(current.exit, context, event);
      run(t.actions, context, event);
      current = t.target;
      run(current.entry, context, event);
      if (current.final) {
        done = true;
        break;
      }
    } else {
      run(t.actions, context, event);
    }
    t = enabled(current.always, context, event);
  }
  return { value: current.key, context, done };
}
