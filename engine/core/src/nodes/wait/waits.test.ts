import { describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../../rules/facts.js';
import type { WaitDefinition } from '../define.js';
import type { DelayNode} from './delay.js';
import { delayWait as delayDef } from './delay.js';
import type { WaitForEventNode} from './event.js';
import { waitForEvent as eventDef } from './event.js';
import type { WindowNode} from './window.js';
import { windowWait as windowDef } from './window.js';

// Seen through the general contract, as the compiler and the simulator see them.
const delayWait = delayDef as WaitDefinition<'wait.delay', typeof DelayNode>;
const waitForEvent = eventDef as WaitDefinition<'wait.event', typeof WaitForEventNode>;
const windowWait = windowDef as WaitDefinition<'wait.window', typeof WindowNode>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MON_0800_UTC = Date.UTC(2026, 0, 5, 8, 0); // Monday
const ev = (name: string, properties: Record<string, unknown> = {}): CustomerEvent => ({ name, at: MON_0800_UTC, properties });

describe('wait.delay', () => {
  it('has an absolute deadline from the arrival time, and leaves by next', () => {
    const node = delayWait.create('w'); // 1 day
    expect(delayWait.deadline(node, MON_0800_UTC, 'UTC')).toBe(MON_0800_UTC + DAY);
    expect(delayWait.deadline({ ...node, duration: { amount: 90, unit: 'minutes' } }, 0, 'UTC')).toBe(90 * 60_000);
    expect(delayWait.deadline({ ...node, duration: { amount: 2, unit: 'weeks' } }, 0, 'UTC')).toBe(14 * DAY);
    expect(delayWait.timeoutOutput).toBe('next');
    expect(delayWait.awaits).toBeUndefined();
  });
});

describe('wait.window', () => {
  const node = windowWait.create('w'); // weekdays 09:00-11:00
  it('opens at the next window in the given zone', () => {
    // Monday 08:00 UTC is 15:00 in Ho Chi Minh City: the next opening is Tuesday 09:00 there (02:00 UTC).
    expect(windowWait.deadline(node, MON_0800_UTC, 'Asia/Ho_Chi_Minh')).toBe(Date.UTC(2026, 0, 6, 2, 0));
    // In London (UTC in winter) it is 08:00: opens at 09:00 the same day.
    expect(windowWait.deadline(node, MON_0800_UTC, 'Europe/London')).toBe(MON_0800_UTC + HOUR);
    expect(windowWait.timeoutOutput).toBe('next');
  });
  it('passes straight through inside the window', () => {
    expect(windowWait.deadline(node, MON_0800_UTC + 90 * 60_000, 'UTC')).toBe(MON_0800_UTC + 90 * 60_000);
  });
});

describe('wait.event', () => {
  const node = waitForEvent.create('w'); // Order Completed, 3 days
  it('times out after its timeout, or never without one', () => {
    expect(waitForEvent.deadline(node, 1000, 'UTC')).toBe(1000 + 3 * DAY);
    expect(waitForEvent.deadline({ ...node, timeout: undefined }, 1000, 'UTC')).toBeUndefined();
    expect(waitForEvent.timeoutOutput).toBe('timeout');
  });
  it('is released by its event through the event output', () => {
    expect(waitForEvent.awaits!(node, ev('Order Completed'))).toBe('event');
    expect(waitForEvent.awaits!(node, ev('Cart Updated'))).toBeUndefined();
  });
  it('checks the where conditions on the event properties', () => {
    const big = { ...node, where: [{ kind: 'property' as const, property: 'order.total', operator: 'gte' as const, value: 100 }] };
    expect(waitForEvent.awaits!(big, ev('Order Completed', { order: { total: 120 } }))).toBe('event');
    expect(waitForEvent.awaits!(big, ev('Order Completed', { order: { total: 20 } }))).toBeUndefined();
    expect(waitForEvent.awaits!(big, ev('Order Completed'))).toBeUndefined();
  });
});
