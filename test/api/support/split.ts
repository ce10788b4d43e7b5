/** A journey with a random split (A 40%, B 40%, holdout 20%) and a goal, for the results tests. */
import { stableBucket } from '@cairn/core';

/** trigger "Signed Up" -> split: A -> email -> wait 1 day -> exit; B -> email -> exit; holdout leaves. Goal "Order Completed". */
export function splitJourney(id: string, name = 'Welcome test') {
  return {
    id,
    name,
    settings: { goal: { windowDays: 7 } },
    nodes: [
      { id: 'signed-up', type: 'trigger.event', event: 'Signed Up' },
      { id: 'split', type: 'condition.random', label: 'Welcome offer', variants: [{ id: 'a', label: 'A', percent: 40 }, { id: 'b', label: 'B', percent: 40 }], holdoutPercent: 20 },
      { id: 'mail-a', type: 'action.email', subject: 'Hello from A', body: 'a' },
      { id: 'wait-a', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
      { id: 'done-a', type: 'exit' },
      { id: 'mail-b', type: 'action.email', subject: 'Hello from B', body: 'b' },
      { id: 'done-b', type: 'exit' },
      { id: 'goal', type: 'goal', event: 'Order Completed' },
    ],
    edges: [
      { id: 'e1', source: 'signed-up', target: 'split' },
      { id: 'e2', source: 'split', sourceHandle: 'a', target: 'mail-a' },
      { id: 'e3', source: 'mail-a', target: 'wait-a' },
      { id: 'e4', source: 'wait-a', target: 'done-a' },
      { id: 'e5', source: 'split', sourceHandle: 'b', target: 'mail-b' },
      { id: 'e6', source: 'mail-b', target: 'done-b' },
    ],
  };
}

/** `n` customer ids that land in `arm` of the node "split", chosen with the split's own sticky bucket. */
export function customersFor(arm: 'a' | 'b' | 'holdout', n: number, prefix = 'cust'): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const id = `${prefix}-${arm}-${i}`;
    const b = stableBucket(`${id}:split`);
    const landed = b < 4000 ? 'a' : b < 8000 ? 'b' : 'holdout';
    if (landed === arm) out.push(id);
  }
  return out;
}
