/**
 * A run through the engine's shared driver (the one the Temporal workflow uses) with some action
 * outcomes forced: how tests reach branches `simulate()` never takes, such as a webhook failing.
 * Other actions report what their definitions' `simulate` says, as in `simulate()`.
 */
import type { CompiledJourney, CustomerEvent, SimulationContext, SimulationResult, TraceStep } from '@cairn/engine';
import { advance, definitionOf, pending, renderScope, renderTemplate, startRun } from '@cairn/engine';

interface Customer {
  id: string;
  attributes?: Record<string, unknown>;
  suppressed?: string[];
}

export function runWithOutcomes(
  compiled: CompiledJourney,
  customer: Customer,
  events: CustomerEvent[],
  start: number,
  outcomes: Record<string, string>,
): SimulationResult {
  const timeline = [...events].sort((a, b) => a.at - b.at);
  const attributes = customer.attributes ?? {};
  const journey = compiled.journey;
  // Entry through event triggers only: enough for the branches these tests force.
  let next = timeline.findIndex((e) =>
    journey.nodes.some((n) => {
      const def = definitionOf(n.type);
      return n.type === 'trigger.event' && def.behaviour === 'trigger' && def.matchesEvent(n, e, { attributes, history: [], now: e.at });
    }),
  );
  if (next < 0) return { status: 'not-entered', steps: [], attributes };
  const first = timeline[next]!;
  const trigger = journey.nodes.find((n) => n.type === 'trigger.event' && n.event === first.name)!;
  const started = startRun(compiled, customer.id, {
    type: 'cairn.enter',
    at: first.at,
    triggerId: trigger.id,
    profile: { attributes },
    history: timeline.slice(0, next),
    event: first,
  });
  const steps: TraceStep[] = [...started.steps];
  let state = started.state;
  const feed = (e: Parameters<typeof advance>[2]) => {
    const r = advance(compiled, state, e);
    state = r.state;
    steps.push(...r.steps);
  };
  next++;
  for (let guard = 0; guard < 10_000; guard++) {
    const p = pending(compiled, state);
    const ctx = state.context;
    if (p.kind === 'done') return { status: 'exited', steps, exit: p.exit, attributes: ctx.profile.attributes };
    if (p.kind === 'not-entered') break;
    if (p.kind === 'effect') {
      const def = definitionOf(p.node.type);
      if (def.behaviour !== 'effect') throw new Error(`${p.node.id} is not an action`);
      const forced = outcomes[p.node.id];
      const sim: SimulationContext = {
        customerId: customer.id,
        facts: { attributes: ctx.profile.attributes, history: ctx.history, now: ctx.now, ...(ctx.event ? { event: ctx.event } : {}) },
        timeZone: journey.settings.timeZone,
        suppressed: new Set(customer.suppressed ?? []),
        render: (t) => renderTemplate(t, renderScope(customer.id, ctx.profile.attributes, ctx.event, { id: journey.id, name: journey.name })),
      };
      const outcome = forced ? { output: forced, status: 'failed', reason: 'forced by the test' } : def.simulate(p.node, sim);
      feed({ type: 'cairn.done', at: ctx.now, nodeId: p.node.id, outcome });
      continue;
    }
    const event = timeline[next];
    if (event && (p.deadline === undefined || event.at < p.deadline)) {
      next++;
      feed({ type: 'customer.event', at: Math.max(event.at, ctx.now), event });
      continue;
    }
    if (p.deadline === undefined) return { status: 'waiting', steps, waitingAt: p.node.id, attributes: ctx.profile.attributes };
    feed({ type: 'cairn.timer', at: Math.max(p.deadline, ctx.now) });
  }
  throw new Error('the run did not end');
}
