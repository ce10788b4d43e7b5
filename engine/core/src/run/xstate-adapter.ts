/**
 * The one place that reaches into xstate beyond its documented API, pinned to xstate 5.33.3
 * (engine/package.json; the contract test, xstate-adapter.test.ts, fails if an upgrade changes
 * what we rely on).
 *
 * Why: xstate's exported `transition(machine, snapshot, event)` builds a throw-away actor, and
 * with it the machine's initial state, on every call: that was 60 µs of every step. We make that
 * inert actor scope once per compiled machine and call the machine's own pure `transition` with
 * it. Our machines only use `assign` (resolved inside the transition), so no action is ever
 * executed through the scope.
 */
import { createActor, type AnyActorScope } from 'xstate';
import type { CompiledJourney } from '../compile/compile.js';
import type { MachineEvent } from '../compile/events.js';

export type Snapshot = ReturnType<CompiledJourney['machine']['getInitialSnapshot']>;

const scopes = new WeakMap<CompiledJourney, AnyActorScope>();

/** The inert actor scope of a compiled machine (made once). */
export function scopeOf(compiled: CompiledJourney): AnyActorScope {
  let scope = scopes.get(compiled);
  if (!scope) {
    const self = createActor(compiled.machine, { input: { customerId: '' } });
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      defer: () => {},
      logger: () => {},
      stopChild: () => {},
      emit: () => {},
      actionExecutor: () => {},
    } as unknown as AnyActorScope;
    scopes.set(compiled, scope);
  }
  return scope;
}

/** The machine's pure transition: the same next snapshot as xstate's exported `transition()`. */
export function transition(compiled: CompiledJourney, snapshot: Snapshot, event: MachineEvent): Snapshot {
  return compiled.machine.transition(snapshot, event, scopeOf(compiled));
}

/** The machine's initial snapshot, through the same scope. */
export function initialSnapshot(compiled: CompiledJourney): Snapshot {
  return compiled.machine.getInitialSnapshot(scopeOf(compiled), { customerId: '' });
}
