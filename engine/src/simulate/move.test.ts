import { describe, expect, it } from 'vitest';
import { edge, journey, node } from '@cairn/core/internal/checks/fixture';
import { compile } from '@cairn/core/internal/compile/compile';
import { advance, startRun } from '@cairn/core/internal/run/driver';
import { movedRun } from '../workflow/move-version.js';
import { CARRIED_STATE_VERSION } from '../workflow/api.js';
import { groupMoveFates, simulateMove, type WaitingCustomer } from '@cairn/core/internal/simulate/move';

const T0 = Date.UTC(2026, 0, 5, 9);
const DAY = 86_400_000;

// v1: start -> wait 3 days -> "Wait for order" -> email.
const v1 = journey(
  [
    node('trigger.manual', 'start'),
    node('wait.delay', 'wait', { duration: { amount: 3, unit: 'days' }, label: 'Wait 3 days' }),
    node('wait.event', 'order', { event: 'Order Completed', timeout: { amount: 1, unit: 'days' }, label: 'Wait for order' }),
    node('action.email', 'mail', { subject: 'v1' }),
    node('exit', 'done'),
  ],
  [edge('start', 'wait'), edge('wait', 'order'), edge('order', 'mail', 'event'), edge('order', 'done', 'timeout'), edge('mail', 'done')],
);
// v2: the order wait is gone; after the 3 days, a VIP split: VIPs get an SMS and wait a day, the rest leave.
const v2 = journey(
  [
    node('trigger.manual', 'start'),
    node('wait.delay', 'wait', { duration: { amount: 3, unit: 'days' }, label: 'Wait 3 days' }),
    {
      id: 'vip',
      type: 'condition.split',
      label: 'VIP?',
      branches: [{ id: 'yes', label: 'VIP', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'ltv', operator: 'gte', value: 1000 }] } }],
    } as never,
    node('action.sms', 'sms', { label: 'Send SMS', body: 'Hello' }),
    node('wait.delay', 'day', { duration: { amount: 1, unit: 'days' }, label: 'Wait 1 day' }),
    node('exit', 'done'),
  ],
  [edge('start', 'wait'), edge('wait', 'vip'), edge('vip', 'sms', 'yes'), edge('vip', 'done', 'else'), edge('sms', 'day'), edge('day', 'done')],
);

const customer = (id: string, at: string, extra: Partial<WaitingCustomer> = {}): WaitingCustomer => ({ id, at, enteredAt: T0, attributes: {}, ...extra });

describe('simulateMove (the preview of moving waiting customers)', () => {
  it('keeps a customer moved wait-to-wait where the move puts them, with the deadline they had', () => {
    const fate = simulateMove(v1, v2, { wait: 'wait' }, customer('c1', 'wait', { deadline: T0 + 3 * DAY }), T0 + DAY);
    expect(fate).toEqual({ kind: 'waits', to: 'wait', at: 'wait', until: T0 + 3 * DAY, sends: [] });
  });

  it('runs a customer mapped to a condition-led path on the new machine with their own attributes and policy', () => {
    const map = { wait: 'wait', order: 'sms' };
    const vip = simulateMove(v1, v2, map, customer('vip', 'order', { attributes: { ltv: 2000 } }), T0);
    expect(vip).toMatchObject({ kind: 'waits', to: 'sms', at: 'day', sends: [{ nodeId: 'sms', status: 'sent' }] });
    // Refused SMS: the send is refused, the customer still goes on.
    const refused = simulateMove(v1, v2, map, customer('r', 'order', { suppressed: ['sms'] }), T0);
    expect(refused).toMatchObject({ kind: 'waits', at: 'day', sends: [{ nodeId: 'sms', status: 'suppressed' }] });
  });

  it('says who stays (leave, unmapped) and who moves later (between steps)', () => {
    expect(simulateMove(v1, v2, { order: 'leave' }, customer('a', 'order'), T0)).toEqual({ kind: 'stays' });
    expect(simulateMove(v1, v2, {}, customer('a', 'order'), T0)).toEqual({ kind: 'stays' });
    expect(simulateMove(v1, v2, { order: 'sms' }, customer('a', 'mail'), T0)).toEqual({ kind: 'later' });
  });

  it('places a customer exactly as the workflow move does', () => {
    // The workflow's own move of a v1 customer resting at "wait", then the preview of the same customer.
    const enter = { type: 'cairn.enter' as const, at: T0, triggerId: 'start', profile: { attributes: {} }, history: [] };
    const { state } = startRun(compile(v1), 'c1', enter);
    const carried = { v: CARRIED_STATE_VERSION, state, inbox: [], seq: 2, visits: {}, paused: false, seenEventIds: [] };
    const input = { journeyId: 'j1', versionId: 'v1', journey: v1, customerId: 'c1', entry: 1, enter };
    const moved = movedRun(input, carried, { versionId: 'v2', version: 2, journey: v2, nodeMap: { wait: 'wait' } }, T0 + DAY)!;
    const movedState = moved.input(carried).carried!.state;
    const preview = simulateMove(v1, v2, { wait: 'wait' }, customer('c1', 'wait', { deadline: state.context.deadline! }), T0 + DAY);
    expect(preview).toMatchObject({ kind: 'waits', at: movedState.value, until: movedState.context.deadline });
    // And both go on the same way when the deadline comes.
    const after = advance(compile(v2), movedState, { type: 'cairn.timer', at: movedState.context.deadline! });
    expect(after.state.value).toBe('done');
  });

  it('groups fates into sentences, the largest group first', () => {
    const map = { wait: 'wait', order: 'sms' };
    const fates = [
      ...['a', 'b', 'c'].map((id) => ({ customerId: id, at: 'wait', fate: simulateMove(v1, v2, map, customer(id, 'wait', { deadline: T0 + DAY }), T0) })),
      { customerId: 'v', at: 'order', fate: simulateMove(v1, v2, map, customer('v', 'order', { attributes: { ltv: 5000 } }), T0) },
      ...['x', 'y'].map((id) => ({ customerId: id, at: 'order', fate: simulateMove(v1, v2, map, customer(id, 'order', { suppressed: ['sms'] }), T0) })),
    ];
    const groups = groupMoveFates(v1, v2, fates, 1);
    expect(groups.map((g) => g.sentence)).toEqual([
      '3 customers at “Wait 3 days” move to “Wait 3 days” and wait there.',
      '2 customers at “Wait for order” move to “Send SMS”: “Send SMS” not sent (refused contact), then wait at “Wait 1 day”.',
      '1 customer at “Wait for order” moves to “Send SMS”: “Send SMS” sent, then waits at “Wait 1 day”.',
    ]);
    expect(groups[0]!.customers).toEqual(['a', 'b', 'c']);
  });

  it('names an exit on the way: non-VIPs moved to the split leave', () => {
    const fate = simulateMove(v1, v2, { order: 'vip' }, customer('n', 'order'), T0);
    // A condition cannot receive customers: the move (and so the preview) keeps them on v1.
    expect(fate).toEqual({ kind: 'stays' });
    const toSms = journey(v2.nodes, v2.edges.filter((e) => e.source !== 'sms'));
    const ends = simulateMove(v1, toSms, { order: 'sms' }, customer('n', 'order'), T0);
    expect(ends).toMatchObject({ kind: 'exits', exit: { reason: 'end-of-path' }, sends: [{ nodeId: 'sms', status: 'sent' }] });
    expect(groupMoveFates(v1, toSms, [{ customerId: 'n', at: 'order', fate: ends }], 1)[0]!.sentence).toBe(
      '1 customer at “Wait for order” moves to “Send SMS”: “Send SMS” sent, then leaves (the path ends there).',
    );
  });
});
