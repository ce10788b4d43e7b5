import { describe, expect, it } from 'vitest';
import type { Journey } from '@cairn/core';
import { parseJourney } from '@cairn/core';
import { connect, insertOnEdge, newNode, pruneDanglingEdges, reconnect, remove } from './ops.js';
import { copySelection, clipFromText, clipToText, pasteClip } from './clipboard.js';
import { commit, redo, replace, start, undo } from './history.js';

function journey(): Journey {
  const res = parseJourney({
    id: 'j',
    name: 'J',
    nodes: [
      { id: 't', type: 'trigger.event', event: 'Signed Up' },
      { id: 's', type: 'condition.split', branches: [{ id: 'vip', label: 'VIP', rules: { op: 'and', rules: [] } }] },
      { id: 'm', type: 'action.sms', body: 'hi' },
    ],
    edges: [
      { id: 'e1', source: 't', sourceHandle: 'next', target: 's' },
      { id: 'e2', source: 's', sourceHandle: 'vip', target: 'm' },
    ],
  });
  if (!res.ok) throw new Error(JSON.stringify(res.problems));
  return res.journey;
}

describe('graph edits', () => {
  it('inserts a node into an edge, keeping the branch it came from', () => {
    const j = journey();
    const wait = newNode(j, 'wait.delay', { x: 10.4, y: 20.6 });
    const out = insertOnEdge(j, 'e2', wait);
    expect(wait.id).toBe('delay_1');
    expect(wait.position).toEqual({ x: 10, y: 21 });
    expect(out.edges.find((e) => e.id === 'e2')).toBeUndefined();
    expect(out.edges).toContainEqual(expect.objectContaining({ source: 's', sourceHandle: 'vip', target: 'delay_1' }));
    expect(out.edges).toContainEqual(expect.objectContaining({ source: 'delay_1', sourceHandle: 'next', target: 'm' }));
    expect(parseJourney(out).ok).toBe(true);
  });

  it('a node with two outputs continues through its first output', () => {
    const j = journey();
    const w = newNode(j, 'wait.event', { x: 0, y: 0 });
    const out = insertOnEdge(j, 'e1', w);
    expect(out.edges).toContainEqual(expect.objectContaining({ source: w.id, sourceHandle: 'event', target: 's' }));
  });

  it('a trigger dropped on an edge is just added', () => {
    const j = journey();
    const t = newNode(j, 'trigger.manual', { x: 0, y: 0 });
    const out = insertOnEdge(j, 'e1', t);
    expect(out.edges).toEqual(j.edges);
    expect(out.nodes).toHaveLength(4);
  });

  it('connects an output, replacing what it led to, and refuses edges into triggers or loops', () => {
    const j = journey();
    const out = connect(j, 's', 'vip', 's');
    expect(out).toBe(j);
    expect(connect(j, 'm', 'next', 't')).toBe(j);
    const re = connect(connect(j, 's', 'else', 'm'), 's', 'vip', 'm');
    expect(re).not.toBe(j);
    const x = newNode(j, 'exit', { x: 0, y: 0 });
    const moved = connect({ ...j, nodes: [...j.nodes, x] }, 's', 'vip', x.id);
    expect(moved.edges.filter((e) => e.source === 's' && e.sourceHandle === 'vip')).toEqual([
      expect.objectContaining({ target: x.id }),
    ]);
  });

  it('moves an edge end to another node, and refuses a move the canvas would refuse', () => {
    const j = journey();
    const x = newNode(j, 'exit', { x: 0, y: 0 });
    const withX = { ...j, nodes: [...j.nodes, x] };
    const moved = reconnect(withX, 'e2', 's', 'vip', x.id);
    expect(moved.edges.find((e) => e.id === 'e2')).toBeUndefined();
    expect(moved.edges.filter((e) => e.source === 's' && e.sourceHandle === 'vip')).toEqual([expect.objectContaining({ target: x.id })]);
    expect(moved.edges).toHaveLength(withX.edges.length);
    expect(reconnect(withX, 'e2', 's', 'vip', 't')).toBe(withX); // into a trigger
    expect(reconnect(withX, 'e2', 's', 'vip', 's')).toBe(withX); // onto itself
    expect(reconnect(withX, 'nope', 's', 'vip', x.id)).toBe(withX);
    const e2 = withX.edges.find((e) => e.id === 'e2')!;
    expect(reconnect(withX, 'e2', e2.source, e2.sourceHandle, e2.target)).toBe(withX);
  });

  it('removing a node removes its edges; pruning drops edges from outputs that are gone', () => {
    const j = journey();
    expect(remove(j, new Set(['s'])).edges).toEqual([]);
    const noBranch = { ...j, nodes: j.nodes.map((n) => (n.id === 's' ? { ...n, branches: [{ id: 'x', label: 'x', rules: { op: 'and' as const, rules: [] } }] } : n)) };
    expect(pruneDanglingEdges(noBranch).edges.map((e) => e.id)).toEqual(['e1']);
  });
});

describe('clipboard', () => {
  it('copies nodes with the edges between them and pastes with fresh ids', () => {
    const j = journey();
    const clip = clipFromText(clipToText(copySelection(j, new Set(['s', 'm']))));
    expect(clip?.edges.map((e) => e.id)).toEqual(['e2']);
    const { journey: out, pasted } = pasteClip(j, clip!);
    expect(pasted).toEqual(['split_1', 'sms_1']);
    expect(out.edges).toContainEqual(expect.objectContaining({ source: 'split_1', sourceHandle: 'vip', target: 'sms_1' }));
    expect(out.nodes.find((n) => n.id === 'sms_1')?.position).toEqual({ x: 40, y: 40 });
    expect(parseJourney(out).ok).toBe(true);
    expect(clipFromText('{"nodes":[]}')).toBeUndefined();
  });
});

describe('history', () => {
  it('undoes and redoes whole states; a new step clears redo; replace adds no step', () => {
    let h = start(1);
    h = commit(h, 2);
    h = commit(h, 3);
    h = replace(h, 4);
    expect(h.past).toEqual([1, 2]);
    h = undo(h);
    expect(h.present).toBe(2);
    h = redo(h);
    expect(h.present).toBe(4);
    h = undo(undo(h));
    h = commit(h, 9);
    expect(h).toEqual({ past: [1], present: 9, future: [] });
    expect(undo(undo(undo(h))).present).toBe(1);
    expect(commit(h, 9)).toBe(h);
  });
});
