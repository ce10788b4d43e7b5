import { describe, expect, it } from 'vitest';
import { edge, journey, node } from '@cairn/core/internal/checks/fixture';
import { compile } from '@cairn/core/internal/compile/compile';
import type { Journey } from '@cairn/core/internal/journey/journey';
import { advance, currentNode, pending, startRun } from '@cairn/core/internal/run/driver';
import { CARRIED_STATE_VERSION, type CarriedState, type JourneyWorkflowInput } from './api.js';
import { movedRun } from './move-version.js';

const T0 = Date.UTC(2026, 0, 5, 9);
const DAY = 86_400_000;

const v1 = journey(
  [
    node('trigger.manual', 'start'),
    node('wait.delay', 'wait', { duration: { amount: 3, unit: 'days' } }),
    node('action.email', 'mail', { subject: 'v1' }),
    node('exit', 'done'),
  ],
  [edge('start', 'wait'), edge('wait', 'mail'), edge('mail', 'done')],
);
const v2 = journey(
  [
    node('trigger.manual', 'start'),
    node('wait.delay', 'wait', { duration: { amount: 1, unit: 'days' } }),
    node('action.sms', 'sms'),
    node('wait.event', 'order', { event: 'Order Completed', timeout: undefined }),
    node('exit', 'done'),
  ],
  [edge('start', 'wait'), edge('wait', 'sms'), edge('sms', 'order'), edge('order', 'done', 'event')],
);

/** A customer of v1 resting at its 3-day wait since T0. */
function waitingInV1(): { input: JourneyWorkflowInput; carried: CarriedState } {
  const enter = { type: 'cairn.enter' as const, at: T0, triggerId: 'start', profile: { attributes: {} }, history: [] };
  const { state } = startRun(compile(v1), 'c1', enter);
  const input: JourneyWorkflowInput = { journeyId: 'j1', versionId: 'v1', journey: v1, customerId: 'c1', entry: 1, enter };
  return { input, carried: { v: CARRIED_STATE_VERSION, state, inbox: [], seq: 2, visits: {}, paused: false, seenEventIds: [] } };
}
const request = (nodeMap: Record<string, string>, j: Journey = v2) => ({ versionId: 'v2', version: 2, journey: j, nodeMap });

describe('movedRun', () => {
  it('puts the customer at the mapped wait of the new version with the deadline they had, and carries the rest', () => {
    const { input, carried } = waitingInV1();
    const moved = movedRun(input, carried, request({ wait: 'wait' }), T0 + DAY);
    expect(moved?.step).toMatchObject({ nodeId: 'wait', kind: 'entered', reason: expect.stringMatching(/^moved to version 2 from "wait", waiting until/) });
    const next = moved!.input({ ...carried, seq: 3 });
    expect(next).toMatchObject({ versionId: 'v2', journey: v2, customerId: 'c1', entry: 1, carried: { seq: 3 } });
    // Two days left of the old three-day wait, though v2's wait is one day long.
    const compiled = compile(v2);
    expect(pending(compiled, next.carried!.state)).toMatchObject({ kind: 'wait', node: { id: 'wait' }, deadline: T0 + 3 * DAY });
    // The new version's steps follow: the timer leads to v2's SMS.
    const after = advance(compiled, next.carried!.state, { type: 'cairn.timer', at: T0 + 3 * DAY });
    expect(pending(compiled, after.state)).toMatchObject({ kind: 'effect', node: { id: 'sms' } });
  });

  it('drops the deadline at a wait with no timer, and sends an action destination at once', () => {
    const { input, carried } = waitingInV1();
    const toOrder = movedRun(input, carried, request({ wait: 'order' }), T0 + DAY)!.input(carried);
    expect(pending(compile(v2), toOrder.carried!.state)).toEqual({ kind: 'wait', node: expect.objectContaining({ id: 'order' }) });
    const toSms = movedRun(input, carried, request({ wait: 'sms' }), T0 + DAY)!.input(carried);
    expect(pending(compile(v2), toSms.carried!.state)).toMatchObject({ kind: 'effect', node: { id: 'sms' } });
    expect(currentNode(toSms.carried!.state)).toBe('sms');
  });

  it('keeps the customer where they are when mapped to "leave", unmapped, already on the version, or sent to a step that cannot hold them', () => {
    const { input, carried } = waitingInV1();
    expect(movedRun(input, carried, request({ wait: 'leave' }), T0)).toBeUndefined();
    expect(movedRun(input, carried, request({ other: 'wait' }), T0)).toBeUndefined();
    expect(movedRun({ ...input, versionId: 'v2' }, carried, request({ wait: 'wait' }), T0)).toBeUndefined();
    expect(movedRun(input, carried, request({ wait: 'start' }), T0)).toBeUndefined();
  });
});
