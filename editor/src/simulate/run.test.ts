import { describe, expect, it } from 'vitest';
import type { Journey } from '@cairn/core';
import { parseJourney } from '@cairn/core';
import { offsetText, runTestCustomer } from './run.js';

function journey(): Journey {
  const r = parseJourney({
    id: 'j',
    name: 'J',
    nodes: [
      { id: 't', type: 'trigger.event', event: 'Signed Up' },
      { id: 's', type: 'condition.split', branches: [{ id: 'vip', label: 'VIP', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'ltv', operator: 'gte', value: 1000 }] } }] },
      { id: 'a', type: 'action.sms', body: 'Hi {{ customer.firstName }}' },
      { id: 'b', type: 'action.email', subject: 'Hello', body: 'x' },
      { id: 'x', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 't', target: 's' },
      { id: 'e2', source: 's', sourceHandle: 'vip', target: 'a' },
      { id: 'e3', source: 's', sourceHandle: 'else', target: 'b' },
      { id: 'e4', source: 'a', target: 'x' },
      { id: 'e5', source: 'b', target: 'x' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.journey;
}

const start = Date.UTC(2026, 0, 5, 9);

describe('test customer', () => {
  it('lights up the branch the customer takes', () => {
    const view = runTestCustomer(journey(), { id: 'c', attributes: '{"ltv": 1500, "firstName": "Lan"}', timeZone: 'UTC', suppressed: [] }, [
      { name: 'Signed Up', after: { amount: 0, unit: 'minutes' }, properties: '' },
    ], start);
    expect(view.result.status).toBe('exited');
    expect([...view.visitedEdges].sort()).toEqual(['e1', 'e2', 'e4']);
    expect(view.visitedNodes.has('b')).toBe(false);
    const other = runTestCustomer(journey(), { id: 'c', attributes: '{"ltv": 5}', timeZone: '', suppressed: ['email'] }, [
      { name: 'Signed Up', after: { amount: 1, unit: 'hours' }, properties: '{}' },
    ], start);
    expect([...other.visitedEdges].sort()).toEqual(['e1', 'e3', 'e5']);
    expect(other.result.steps.find((s) => s.nodeId === 'b' && s.kind === 'left')?.status).toBe('suppressed');
  });

  it('says which input is not valid JSON', () => {
    expect(() => runTestCustomer(journey(), { id: 'c', attributes: '{ltv', timeZone: '', suppressed: [] }, [], start)).toThrow(/attributes: not valid JSON/);
    expect(() =>
      runTestCustomer(journey(), { id: 'c', attributes: '', timeZone: '', suppressed: [] }, [{ name: 'Signed Up', after: { amount: 0, unit: 'days' }, properties: '[1]' }], start),
    ).toThrow(/Signed Up\) properties: must be a JSON object/);
  });

  it('formats offsets', () => {
    expect(offsetText(0)).toBe('+0');
    expect(offsetText(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000)).toBe('+2d 3h 5m');
  });
});
