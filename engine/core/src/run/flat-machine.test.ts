/**
 * The flat stepper's contract: for the machines `compile` makes it computes exactly what xstate's
 * documented `transition()` computes, event by event, over generated journeys (with loops, goals
 * and exit events) and runs that mix every event the runtime sends.
 */
import fc from 'fast-check';
import { transition as xstateTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compile, type CompiledJourney } from '../compile/compile.js';
import type { JourneyContext } from '../compile/context.js';
import type { MachineEvent } from '../compile/events.js';
import { parseJourney, type JourneyInput } from '../journey/journey.js';
import { definitionOf } from '../nodes/registry.js';
import { RANDOM_EVENTS, randomJourney } from '../testing/random-journey.js';
import { planOf, stepFlat, type FlatState } from './flat-machine.js';
import { initialSnapshot, type Snapshot } from './xstate-adapter.js';
import { currentNode, pending, type RunState } from './driver.js';

const withoutSteps = (c: JourneyContext) => JSON.parse(JSON.stringify({ ...c, steps: undefined })) as unknown;

function withGoalAndExitEvent(input: JourneyInput, seed: number): JourneyInput {
  // Goals and exit events are root-level transitions that end the run mid-wait: include them.
  if (seed % 3 !== 0) return input;
  const goal = { id: 'g', type: 'goal', position: { x: 0, y: 0 }, event: RANDOM_EVENTS[seed % RANDOM_EVENTS.length] } as JourneyInput['nodes'][number];
  return {
    ...input,
    nodes: [...input.nodes, goal],
    settings: { ...input.settings, exitEvents: [RANDOM_EVENTS[(seed + 1) % RANDOM_EVENTS.length]!] },
  } as JourneyInput;
}

function compiledFor(seed: number, size: number): CompiledJourney {
  const parsed = parseJourney(withGoalAndExitEvent(randomJourney(seed, size, { loops: seed % 2 === 0 }), seed));
  if (!parsed.ok) throw new Error(`generated journey does not parse: ${JSON.stringify(parsed.problems)}`);
  return compile(parsed.journey);
}

describe('flat stepper', () => {
  it('has a plan for every compiled journey', () => {
    for (let seed = 1; seed < 40; seed++) expect(planOf(compiledFor(seed, 4 + (seed % 20)))).toBeDefined();
  });

  it('steps exactly as xstate.transition() does, over generated journeys and runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 4, max: 24 }), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (seed, size, choices) => {
        const compiled = compiledFor(seed, size);
        const plan = planOf(compiled)!;
        let at = Date.UTC(2026, 0, 5, 10);
        let theirs: Snapshot = initialSnapshot(compiled);
        let ours: FlatState = { value: theirs.value as string, context: theirs.context, done: false };
        const step = (event: MachineEvent) => {
          const seen = theirs.context.steps.length;
          const [reference] = xstateTransition(compiled.machine, theirs, event);
          const next = stepFlat(plan, ours, event);
          expect(next.value).toEqual(reference.value);
          expect(next.done).toEqual(reference.status === 'done');
          expect(withoutSteps(next.context)).toEqual(withoutSteps(reference.context));
          expect(next.context.steps).toEqual(reference.context.steps.slice(seen));
          ours = next;
          theirs = reference;
        };
        step({ type: 'cairn.enter', at, triggerId: 'n0', customerId: `c${seed}`, profile: { attributes: { score: seed % 100, firstName: 'Lan' } }, history: [] });
        for (const choice of choices) {
          const state: RunState = ours;
          const p = pending(compiled, state);
          if (p.kind === 'done' || p.kind === 'not-entered') break;
          if (choice % 11 === 0) {
            step({ type: 'cairn.profile', at, profile: { attributes: { score: choice % 100 } } });
          } else if (choice % 17 === 0) {
            step({ type: 'cairn.exit', at, reason: 'stopped' });
          } else if (p.kind === 'effect') {
            const outputs = definitionOf(p.node.type).outputs(p.node);
            const output = outputs[choice % outputs.length]?.id ?? 'next';
            const attributes = choice % 3 === 0 ? { attributes: { score: choice % 100 } } : {};
            step({ type: 'cairn.done', at, nodeId: currentNode(state), outcome: { output, status: 'sent', ...attributes } });
          } else if (choice % 2 === 0 && p.deadline !== undefined) {
            at = Math.max(at, p.deadline);
            step({ type: 'cairn.timer', at, ...(choice % 4 === 0 ? { profile: { attributes: { score: 7 } } } : {}) });
          } else {
            at += 60_000;
            step({ type: 'customer.event', at, event: { name: RANDOM_EVENTS[choice % RANDOM_EVENTS.length]!, at, properties: {} } });
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
