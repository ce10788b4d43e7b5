/**
 * A journey of `size` steps (300 by default) for the canvas benchmark: a trigger, then a long path of waits, messages and
 * splits whose "else" branch ends in its own exit, laid out on a grid of columns.
 */
import type { JourneyInput } from '@cairn/core';
import { parseJourney, type Journey } from '@cairn/core';

const COL_HEIGHT = 20;

export function benchJourney(size = 300): Journey {
  const nodes: Array<Record<string, unknown>> = [];
  const edges: Array<{ id: string; source: string; sourceHandle: string; target: string }> = [];
  const at = (i: number) => ({ x: Math.floor(i / COL_HEIGHT) * 300, y: (i % COL_HEIGHT) * 130 });
  const link = (source: string, sourceHandle: string, target: string) =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle, target });
  nodes.push({ id: 'n0', type: 'trigger.event', event: 'Signed Up', position: at(0) });
  let prev = 'n0';
  let prevHandle = 'next';
  const kinds = ['wait.delay', 'action.email', 'condition.split', 'action.sms', 'action.tag'];
  for (let i = 1; nodes.length < size - 1; i++) {
    const id = `n${nodes.length}`;
    const type = kinds[i % kinds.length] as string;
    const base = { id, type, position: at(nodes.length) };
    if (type === 'wait.delay') nodes.push({ ...base, duration: { amount: 1, unit: 'days' } });
    else if (type === 'action.email') nodes.push({ ...base, subject: `Step ${i} for {{ customer.firstName }}`, body: 'Hello' });
    else if (type === 'action.sms') nodes.push({ ...base, body: `Step ${i}` });
    else if (type === 'action.tag') nodes.push({ ...base, tag: `t${i}` });
    else nodes.push({ ...base, branches: [{ id: 'yes', label: 'engaged', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'score', operator: 'gte', value: i }] } }] });
    link(prev, prevHandle, id);
    prev = id;
    prevHandle = type === 'condition.split' ? 'yes' : 'next';
    if (type === 'condition.split' && nodes.length < size - 1) {
      const exit = `n${nodes.length}`;
      nodes.push({ id: exit, type: 'exit', position: at(nodes.length) });
      link(id, 'else', exit);
    }
  }
  const last = `n${nodes.length}`;
  nodes.push({ id: last, type: 'exit', position: at(nodes.length) });
  link(prev, prevHandle, last);
  const input: JourneyInput = { id: `bench-${size}`, name: `Benchmark journey (${size} steps)`, nodes: nodes as JourneyInput['nodes'], edges };
  const res = parseJourney(input);
  if (!res.ok) throw new Error(`bench journey is invalid: ${JSON.stringify(res.problems.slice(0, 3))}`);
  return res.journey;
}
