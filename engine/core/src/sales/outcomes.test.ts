import { describe, expect, it } from 'vitest';
import { callBackTimeout } from './outcomes.js';

describe('callBackTimeout', () => {
  const H = 3_600_000;
  it('counts the step grace again from the agreed time, later or earlier than the old due time', () => {
    expect(callBackTimeout({ dueAt: 10 * H, timeoutAt: 58 * H }, 100 * H)).toBe(148 * H);
    expect(callBackTimeout({ dueAt: 10 * H, timeoutAt: 58 * H }, 5 * H)).toBe(53 * H);
  });
  it('keeps the grace the same over many reschedules', () => {
    let task = { dueAt: 0, timeoutAt: 2 * H };
    for (const at of [5 * H, 3 * H, 40 * H]) task = { dueAt: at, timeoutAt: callBackTimeout(task, at) };
    expect(task.timeoutAt - task.dueAt).toBe(2 * H);
  });
  it('a zero grace times out at the agreed time, never before it', () => {
    expect(callBackTimeout({ dueAt: 7, timeoutAt: 7 }, 1_000)).toBe(1_000);
  });
});
