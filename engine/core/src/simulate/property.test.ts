/** Property-based: random valid journeys compile, pass the graph checks, simulate without throwing, deterministically. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJourney, hasErrors } from '../checks/index.js';
import { compile } from '../compile/compile.js';
import { Journey } from '../journey/journey.js';
import type { CustomerEvent } from '../rules/facts.js';
import { RANDOM_EVENTS, randomJourney } from '../testing/random-journey.js';
import { DAY, T0 } from '../testing/fixtures.js';
import { simulate } from './simulate.js';

const eventArb = fc.record({
  name: fc.constantFrom(...RANDOM_EVENTS, 'Signed Up'),
  at: fc.integer({ min: T0, max: T0 + 30 * DAY }),
  properties: fc.constant({}),
});
const customerArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 12 }),
  attributes: fc.record({ score: fc.integer({ min: 0, max: 100 }), firstName: fc.constantFrom('An', 'Bình', 'Chi') }),
  timeZone: fc.constantFrom('UTC', 'Asia/Ho_Chi_Minh', 'America/New_York', 'Europe/Berlin'),
  suppressed: fc.subarray(['email', 'sms', 'push', 'chat', 'all']),
});

describe('random valid journeys', () => {
  it('compile, pass the graph checks and simulate to an exit or a wait', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 3, max: 60 }), customerArb, fc.array(eventArb, { maxLength: 12 }), (seed, size, customer, rest) => {
        const journey = Journey.parse(randomJourney(seed, size));
        expect(hasErrors(checkJourney(journey))).toBe(false);
        const events: CustomerEvent[] = [{ name: 'Signed Up', at: T0, properties: {} }, ...rest];
        const r = simulate(compile(journey), customer, events, { start: T0, until: T0 + 60 * DAY });
        expect(['exited', 'waiting']).toContain(r.status);
        if (r.status === 'exited') expect(r.exit).toBeDefined();
        else if (!r.truncated) expect(journey.nodes.find((n) => n.id === r.waitingAt)?.type).toMatch(/^wait\./);
        else expect(journey.nodes.some((n) => n.id === r.waitingAt)).toBe(true);
        // Time never runs backwards along the trace.
        for (let i = 1; i < r.steps.length; i++) expect(r.steps[i]!.at).toBeGreaterThanOrEqual(r.steps[i - 1]!.at);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('are deterministic: same journey, same machine; same inputs, same trace', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), customerArb, fc.array(eventArb, { maxLength: 8 }), (seed, customer, rest) => {
        const a = Journey.parse(randomJourney(seed, 30));
        const b = Journey.parse(randomJourney(seed, 30));
        expect(JSON.stringify(compile(a).machine.config)).toBe(JSON.stringify(compile(b).machine.config));
        const events: CustomerEvent[] = [{ name: 'Signed Up', at: T0, properties: {} }, ...rest];
        const r1 = simulate(a, customer, events, { start: T0 });
        const r2 = simulate(b, customer, events.map((e) => ({ ...e })), { start: T0 });
        expect(r2).toEqual(r1);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
