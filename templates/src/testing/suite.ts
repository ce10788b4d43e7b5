/**
 * The table-driven suite every template test file calls: one test per scripted customer, plus
 * the checks that the table covers every branch, that customers who refused contact are never
 * messaged, and that Vietnamese customers get the Vietnamese copy.
 */
import { describe, expect, it } from 'vitest';
import type { Journey, SimulationResult } from '@cairn/core';
import { instantiateTemplate } from '../instantiate.js';
import type { Scenario } from './scenario.js';
import { allEnds, allOutputs, covered, exitOf, pathOf, run } from './scenario.js';

export function defaultJourney(id: string): Journey {
  const res = instantiateTemplate(id, {});
  if (!res.ok) throw new Error(`${id}: ${res.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return res.journey;
}

type Sent = { nodeId: string; detail: Record<string, string> };

function sent(r: SimulationResult): Sent[] {
  return r.steps.filter((s) => s.status === 'sent').map((s) => ({ nodeId: s.nodeId, detail: s.detail as Record<string, string> }));
}

export function describeTemplate(id: string, scenarios: (journey: Journey) => Scenario[]): void {
  describe(`template ${id}`, () => {
    const journey = defaultJourney(id);
    const table = scenarios(journey);

    it.each(table.map((s) => [s.name, s] as const))('%s', (_name, s) => {
      const r = run(journey, s);
      expect(pathOf(journey, r.steps)).toEqual(s.expectPath);
      expect(exitOf(r)).toBe(s.expectExit);
    });

    it('the scripted customers take every output of every step and reach every end', () => {
      const taken = new Set<string>();
      for (const s of table) {
        const r = run(journey, s);
        for (const pair of covered(r.steps, r)) taken.add(pair);
      }
      const missing = [...allOutputs(journey), ...allEnds(journey)].filter((pair) => !taken.has(pair));
      expect(missing).toEqual([]);
    });

    it('never messages a customer who refused all contact, and still takes the same path', () => {
      for (const s of table.filter((x) => !x.outcomes)) {
        const open = run(journey, s);
        const refused = run(journey, { ...s, customer: { ...s.customer, suppressed: ['all'] } });
        expect(sent(refused)).toEqual([]);
        expect(refused.steps.filter((x) => x.status === 'suppressed').length).toBe(sent(open).length);
        expect(pathOf(journey, refused.steps)).toEqual(pathOf(journey, open.steps));
      }
    });

    it('speaks Vietnamese to customers whose locale is vi', () => {
      let compared = 0;
      for (const s of table.filter((x) => !x.outcomes)) {
        const en = sent(run(journey, s));
        const vi = sent(run(journey, { ...s, customer: { ...s.customer, attributes: { ...s.customer?.attributes, locale: 'vi' } } }));
        expect(vi.map((m) => m.nodeId)).toEqual(en.map((m) => m.nodeId));
        vi.forEach((m, i) => {
          expect(m.detail.body).not.toBe(en[i]!.detail.body);
          expect(m.detail.body).not.toMatch(/\{\{|\{%/); // rendered, no Liquid left
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(0);
    });
  });
}
