/**
 * The contract the driver relies on: our transition through the inert scope gives exactly what
 * xstate's documented `transition()` gives, step by step, over generated journeys and runs. If an
 * xstate upgrade changes the internals we call, this fails before any customer notices.
 */
import fc from 'fast-check';
import { transition as xstateTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile.js';
import type { MachineEvent } from '../compile/events.js';
import { parseJourney } from '../journey/journey.js';
import { definitionOf } from '../nodes/registry.js';
import { RANDOM_EVENTS, randomJourney } from '../testing/random-journey.js';
import { initialSnapshot, transition, type Snapshot } from './xstate-adapter.js';
import { currentNode, pending, type RunState } from './driver.js';

const plain = (s: Snapshot) => JSON.parse(JSON.stringify({ value: s.value, context: s.context, status: s.status })) as unknown;

describe('xstate adapter', () => {
  it('transitions exactly as xstate.transition() does, over generated journeys and runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 4, max: 24 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (seed, size, choices) => {
        const parsed = parseJourney(randomJourney(seed, size));
        if (!parsed.ok) throw new Error('generated journey does not parse');
        const compiled = compile(parsed.journey);
        let at = Date.UTC(2026, 0, 5, 10);
        let ours = initialSnapshot(compiled);
        let theirs = ours;
        const step = (event: MachineEvent) => {
          const next = transition(compiled, ours, event);
          const [reference] = xstateTransition(compiled.machine, theirs, event);
          expect(plain(next)).toEqual(plain(reference));
          ours = next;
          theirs = reference;
        };
        step({ type: 'cairn.enter', at, triggerId: 'n0', customerId: `c${seed}`, profile: { attributes: { score: seed % 100, firstName: 'Lan' } }, history: [] });
        for (const choice of choices) {
          const state: RunState = { value: ours.value, context: ours.context, done: ours.status === 'done' };
          const p = pending(compiled, state);
          if (p.kind === 'done' || p.kind === 'not-entered') break;
          if (p.kind === 'effect') {
            const outputs = definitionOf(p.node.type).outputs(p.node);
            const output = outputs[choice % outputs.length]?.id ?? 'next';
            step({ type: 'cairn.done', at, nodeId: currentNode(state), outcome: { output, status: 'sent' } });
          } else if (choice % 2 === 0 && p.deadline !== undefined) {
            at = Math.max(at, p.deadline);
            step({ type: 'cairn.timer', at });
          } else {
            at += 60_000;
            step({ type: 'customer.event', at, event: { name: RANDOM_EVENTS[choice % RANDOM_EVENTS.length]!, at, properties: {} } });
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
