import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { DAY, ev, HOUR, journey, T0 } from '../testing/fixtures.js';

const path = (r: ReturnType<typeof simulate>) =>
  r.steps.filter((s) => s.kind === 'left').map((s) => `${s.nodeId}:${s.output}`);

const cart = journey(
  [
    { id: 't', type: 'trigger.event', event: 'Checkout Started' },
    { id: 'w', type: 'wait.event', event: 'Order Completed', timeout: { amount: 1, unit: 'days' } },
    { id: 'r', type: 'action.email', subject: 'You left something, {{ customer.firstName }}', body: 'Total {{ event.properties.total }}' },
    { id: 'thanks', type: 'action.sms', body: 'Thanks!' },
    { id: 'x', type: 'exit' },
    { id: 'g', type: 'goal', event: 'Subscribed' },
  ],
  ['t->w', 'w:timeout->r', 'w:event->thanks', 'r->x', 'thanks->x'],
  { settings: { exitEvents: ['Unsubscribed'] } },
);

describe('simulate', () => {
  it('takes the timeout branch when the event never comes, a day later', () => {
    const r = simulate(cart, { id: 'c1', attributes: { firstName: 'Lan' } }, [ev('Checkout Started', T0, { total: 42 })], { start: T0 });
    expect(r.status).toBe('exited');
    expect(path(r)).toEqual(['t:next', 'w:timeout', 'r:next']);
    expect(r.exit).toEqual({ reason: 'completed', nodeId: 'x', at: T0 + DAY });
    const sent = r.steps.find((s) => s.nodeId === 'r' && s.kind === 'left');
    expect(sent?.status).toBe('sent');
    expect(sent?.detail).toMatchObject({ subject: 'You left something, Lan', body: 'Total 42' });
  });

  it('takes the event branch when the awaited event arrives mid-wait', () => {
    const r = simulate(cart, { id: 'c1' }, [ev('Checkout Started', T0), ev('Order Completed', T0 + 2 * HOUR)], { start: T0 });
    expect(path(r)).toEqual(['t:next', 'w:event', 'thanks:next']);
    expect(r.exit?.at).toBe(T0 + 2 * HOUR);
  });

  it('ends at the goal mid-wait, wherever the customer is', () => {
    const r = simulate(cart, { id: 'c1' }, [ev('Checkout Started', T0), ev('Subscribed', T0 + HOUR)], { start: T0 });
    expect(r.exit).toEqual({ reason: 'goal', nodeId: 'g', at: T0 + HOUR });
    expect(r.steps.at(-1)?.reason).toContain('goal');
  });

  it('leaves on an exit event', () => {
    const r = simulate(cart, { id: 'c1' }, [ev('Checkout Started', T0), ev('Unsubscribed', T0 + HOUR)], { start: T0 });
    expect(r.exit).toEqual({ reason: 'exit-event', nodeId: 'w', at: T0 + HOUR });
  });

  it('records a suppressed send as an outcome and carries on', () => {
    const r = simulate(cart, { id: 'c1', suppressed: ['email'] }, [ev('Checkout Started', T0)], { start: T0 });
    const step = r.steps.find((s) => s.nodeId === 'r' && s.kind === 'left');
    expect(step).toMatchObject({ status: 'suppressed', output: 'next' });
    expect(r.exit?.reason).toBe('completed');
  });

  it('does not enrol when no trigger matches', () => {
    const r = simulate(cart, { id: 'c1' }, [ev('Viewed Product', T0)], { start: T0 });
    expect(r).toMatchObject({ status: 'not-entered', steps: [] });
  });

  it('stops at the horizon while waiting', () => {
    const r = simulate(cart, { id: 'c1' }, [ev('Checkout Started', T0)], { start: T0, until: T0 + HOUR });
    expect(r).toMatchObject({ status: 'waiting', waitingAt: 'w' });
  });

  it('explains which rule matched at a split', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        {
          id: 's',
          type: 'condition.split',
          branches: [
            { id: 'vip', label: 'VIP', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'ltv', operator: 'gte', value: 1000 }] } },
            {
              id: 'buyer',
              label: 'Recent buyer',
              rules: { op: 'and', rules: [{ kind: 'event', event: 'Order Completed', count: { operator: 'gte', value: 2 }, within: { amount: 30, unit: 'days' } }] },
            },
          ],
        },
        { id: 'a', type: 'action.tag', tag: 'vip' },
        { id: 'b', type: 'action.tag', tag: 'buyer' },
        { id: 'c', type: 'action.tag', tag: 'other' },
      ],
      ['t->s', 's:vip->a', 's:buyer->b', 's:else->c'],
    );
    const vip = simulate(j, { id: 'v', attributes: { ltv: 1200 } }, [], { start: T0 });
    expect(vip.steps.find((s) => s.nodeId === 's' && s.kind === 'left')).toMatchObject({ output: 'vip', reason: 'VIP: ltv is 1200, wanted at least 1000' });
    expect(vip.attributes.tags).toEqual(['vip']);
    expect(vip.exit).toMatchObject({ reason: 'end-of-path', nodeId: 'a' });
    // Orders before the simulation starts count as history (the entry happens at the start).
    const buyer = simulate(j, { id: 'b' }, [], { start: T0 });
    expect(buyer.steps.find((s) => s.nodeId === 's' && s.kind === 'left')?.output).toBe('else');
  });

  it('waits for a window in the customer time zone', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'w', type: 'wait.window', days: [1, 2, 3, 4, 5], start: '09:00', end: '11:00' },
        { id: 'x', type: 'exit' },
      ],
      ['t->w', 'w->x'],
    );
    // Saturday 2026-01-10 20:00 in Ho Chi Minh City (13:00 UTC) waits until Monday 09:00 local (02:00 UTC).
    const start = Date.UTC(2026, 0, 10, 13, 0);
    const r = simulate(j, { id: 'c', timeZone: 'Asia/Ho_Chi_Minh' }, [], { start });
    expect(r.exit?.at).toBe(Date.UTC(2026, 0, 12, 2, 0));
  });

  it('is sticky in a random split and honours the holdout', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'r', type: 'condition.random', variants: [{ id: 'a', label: 'A', percent: 50 }], holdoutPercent: 50 },
        { id: 'x', type: 'exit' },
      ],
      ['t->r', 'r:a->x'],
    );
    const outs = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const r1 = simulate(j, { id: `c${i}` }, [], { start: T0 });
      const r2 = simulate(j, { id: `c${i}` }, [], { start: T0 + DAY });
      expect(r2.exit?.reason).toBe(r1.exit?.reason);
      outs.set(r1.exit?.reason ?? '', (outs.get(r1.exit?.reason ?? '') ?? 0) + 1);
    }
    expect(outs.get('holdout')).toBeGreaterThan(150);
    expect(outs.get('completed')).toBeGreaterThan(150);
  });

  it('lets actions change the profile for later steps and messages', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.event', event: 'Signed Up' },
        { id: 'u', type: 'action.updateAttribute', attribute: 'coupon', value: 'WELCOME-{{ customer.id }}' },
        { id: 'm', type: 'action.email', subject: 'Your code', body: 'Code: {{ customer.coupon }}' },
      ],
      ['t->u', 'u->m'],
    );
    const r = simulate(j, { id: 'c9' }, [ev('Signed Up', T0)], { start: T0 });
    expect(r.steps.find((s) => s.nodeId === 'm' && s.kind === 'left')?.detail).toMatchObject({ body: 'Code: WELCOME-c9' });
    expect(r.attributes.coupon).toBe('WELCOME-c9');
  });

  it('picks the translation for the customer locale', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'm', type: 'action.sms', body: 'Thank you!', translations: { vi: { body: 'Cảm ơn bạn!' } } },
      ],
      ['t->m'],
    );
    const vi = simulate(j, { id: 'c', attributes: { locale: 'vi-VN' } }, [], { start: T0 });
    expect(vi.steps.find((s) => s.kind === 'left' && s.nodeId === 'm')?.detail).toEqual({ body: 'Cảm ơn bạn!' });
  });

  it('records a template error as a failed send, not a crash', () => {
    const j = journey([{ id: 't', type: 'trigger.manual' }, { id: 'm', type: 'action.sms', body: 'Hi {{ customer.name | nosuchfilter }}' }], ['t->m']);
    const r = simulate(j, { id: 'c' }, [], { start: T0 });
    expect(r.steps.find((s) => s.kind === 'left' && s.nodeId === 'm')).toMatchObject({ status: 'failed' });
  });

  it('loops through a wait without storming', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'w', type: 'wait.delay', duration: { amount: 1, unit: 'days' } },
        { id: 'm', type: 'action.push', title: 'Daily', body: 'tip' },
      ],
      ['t->w', 'w->m', 'm->w'],
    );
    const r = simulate(j, { id: 'c' }, [], { start: T0, until: T0 + 10 * DAY });
    expect(r.status).toBe('waiting');
    expect(r.steps.filter((s) => s.nodeId === 'm' && s.kind === 'left')).toHaveLength(10);
  });

  it('enters an event-history segment on the event that completes it, counting that event', () => {
    const j = journey(
      [
        {
          id: 't',
          type: 'trigger.segment',
          conditions: { op: 'and', rules: [{ kind: 'event', event: 'Order Completed', count: { operator: 'gte', value: 3 } }] },
        },
        { id: 'x', type: 'exit', reason: 'loyal' },
      ],
      ['t->x'],
    );
    const orders = [ev('Order Completed', T0 - 2 * DAY), ev('Order Completed', T0 + HOUR), ev('Order Completed', T0 + 2 * HOUR)];
    // Two orders in the past are history only; the third, after the start, enrols.
    const r = simulate(j, { id: 'c' }, orders, { start: T0 });
    expect(r.exit).toEqual({ reason: 'loyal', nodeId: 'x', at: T0 + 2 * HOUR });
    // Three orders before the start: the segment matches at the start.
    const past = simulate(j, { id: 'c' }, orders.map((o, i) => ({ ...o, at: T0 - (i + 1) * HOUR })), { start: T0 });
    expect(past.exit?.at).toBe(T0);
  });

  it('counts the triggering event in the history later rules see', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.event', event: 'Viewed Product' },
        {
          id: 's',
          type: 'condition.split',
          branches: [{ id: 'twice', label: 'viewed twice', rules: { op: 'and', rules: [{ kind: 'event', event: 'Viewed Product', count: { operator: 'gte', value: 2 } }] } }],
        },
        { id: 'a', type: 'exit', reason: 'keen' },
        { id: 'b', type: 'exit', reason: 'browsing' },
      ],
      ['t->s', 's:twice->a', 's:else->b'],
    );
    const r = simulate(j, { id: 'c' }, [ev('Viewed Product', T0 - DAY), ev('Viewed Product', T0)], { start: T0 });
    expect(r.exit?.reason).toBe('keen');
  });

  it('can force an action output for what-if runs', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'h', type: 'action.webhook', url: 'https://example.com/x' },
        { id: 'ok', type: 'exit', reason: 'synced' },
        { id: 'ko', type: 'exit', reason: 'sync-failed' },
      ],
      ['t->h', 'h:success->ok', 'h:failure->ko'],
    );
    expect(simulate(j, { id: 'c' }, [], { start: T0 }).exit?.reason).toBe('synced');
    const forced = simulate(j, { id: 'c' }, [], { start: T0 }, { force: { h: 'failure' } });
    expect(forced.exit?.reason).toBe('sync-failed');
    expect(forced.steps.find((s) => s.nodeId === 'h' && s.kind === 'left')).toMatchObject({ status: 'forced', output: 'failure' });
  });

  it('stops a message storm (a loop with no wait) with a clear error', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'a', type: 'action.tag', tag: 'x' },
        { id: 'b', type: 'action.tag', tag: 'y' },
      ],
      ['t->a', 'a->b', 'b->a'],
    );
    expect(() => simulate(j, { id: 'c' }, [], { start: T0 })).toThrow(/loops without waiting/);
  });

  it('cuts off a loop that keeps waiting, and says so', () => {
    const j = journey(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'w', type: 'wait.delay', duration: { amount: 1, unit: 'minutes' } },
        { id: 'a', type: 'action.tag', tag: 'x' },
      ],
      ['t->w', 'w->a', 'a->w'],
    );
    const r = simulate(j, { id: 'c' }, [], { start: T0 });
    expect(r).toMatchObject({ status: 'waiting', truncated: true });
  });
});

