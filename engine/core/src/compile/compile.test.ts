import { describe, expect, it } from 'vitest';
import { journey, T0, DAY, ev } from '../testing/fixtures.js';
import { advance, currentNode, pending, startRun, type RunState } from '../run/driver.js';
import { compile, ENDED, START } from './compile.js';

const j = journey(
  [
    { id: 't', type: 'trigger.event', event: 'Signed Up' },
    { id: 'w', type: 'wait.delay', duration: { amount: 2, unit: 'days' } },
    { id: 'm', type: 'action.email', subject: 'Hi', body: 'Welcome' },
    { id: 'h', type: 'action.webhook', url: 'https://crm.example.com/lead' },
    { id: 'x', type: 'exit', reason: 'done' },
    { id: 'g', type: 'goal', event: 'Order Completed' },
  ],
  ['t->w', 'w->m', 'm->h', 'h:success->x'],
);

describe('compile', () => {
  it('makes one state per visited node, plus start and end, all referring to named guards and actions', () => {
    const { machine } = compile(j);
    expect(Object.keys(machine.config.states ?? {}).sort()).toEqual([ENDED, START, 'h', 'm', 't', 'w', 'x'].sort());
    // Config is data: JSON round-trips without loss (no inline functions except the context factory).
    const { context: _context, ...config } = machine.config;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('tags actions as effects and waits as waits', () => {
    const c = compile(j);
    const started = startRun(c, 'c1', { type: 'cairn.enter', at: T0, triggerId: 't', profile: { attributes: {} }, history: [], event: ev('Signed Up', T0) });
    const p = pending(c, started.state);
    expect(p).toMatchObject({ kind: 'wait', node: { id: 'w' }, deadline: T0 + 2 * DAY });
  });

  it('drives a run step by step and survives a JSON round trip of its state (continue-as-new)', () => {
    const c = compile(j);
    let { state } = startRun(c, 'c1', { type: 'cairn.enter', at: T0, triggerId: 't', profile: { attributes: {} }, history: [] });
    // Early timer events are ignored: the deadline is absolute.
    state = advance(c, state, { type: 'cairn.timer', at: T0 + DAY }).state;
    expect(currentNode(state)).toBe('w');
    const revived = JSON.parse(JSON.stringify(state)) as RunState;
    const r = advance(c, revived, { type: 'cairn.timer', at: T0 + 2 * DAY });
    expect(currentNode(r.state)).toBe('m');
    expect(r.steps.map((s) => `${s.kind}:${s.nodeId}`)).toEqual(['left:w', 'entered:m']);
    const sent = advance(c, r.state, { type: 'cairn.done', at: T0 + 2 * DAY, nodeId: 'm', outcome: { output: 'next', status: 'sent' } });
    expect(pending(c, sent.state)).toMatchObject({ kind: 'effect', node: { id: 'h' } });
    // A done event for another node is ignored.
    const stray = advance(c, sent.state, { type: 'cairn.done', at: T0 + 2 * DAY, nodeId: 'm', outcome: { output: 'next', status: 'sent' } });
    expect(currentNode(stray.state)).toBe('h');
    const failed = advance(c, sent.state, { type: 'cairn.done', at: T0 + 2 * DAY, nodeId: 'h', outcome: { output: 'failure', status: 'failed', reason: 'HTTP 500' } });
    expect(pending(c, failed.state)).toMatchObject({ kind: 'done', exit: { reason: 'end-of-path', nodeId: 'h' } });
  });

  it('stops a run on cairn.exit with the given reason at the current node', () => {
    const c = compile(j);
    const { state } = startRun(c, 'c1', { type: 'cairn.enter', at: T0, triggerId: 't', profile: { attributes: {} }, history: [] });
    const r = advance(c, state, { type: 'cairn.exit', at: T0 + 1, reason: 'stopped' });
    expect(pending(c, r.state)).toEqual({ kind: 'done', exit: { reason: 'stopped', nodeId: 'w', at: T0 + 1 } });
  });

  it('ignores entry through a node that is not a trigger', () => {
    const c = compile(j);
    const r = startRun(c, 'c1', { type: 'cairn.enter', at: T0, triggerId: 'm', profile: { attributes: {} }, history: [] });
    expect(pending(c, r.state)).toEqual({ kind: 'not-entered' });
  });
});
