import { describe, expect, it } from 'vitest';
import { run } from '../testing/scenario.js';
import { defaultJourney, describeTemplate } from '../testing/suite.js';

const firstOrder = { name: 'Order Completed', at: '0m', properties: { isFirstOrder: true, productName: 'silver bracelet' } };

describeTemplate('first-purchase-ice-breaker', () => [
  {
    name: 'replies the same evening: shop staff answers one to one',
    customer: { attributes: { firstName: 'Mai' } },
    events: [firstOrder, { name: 'Message Replied', at: '5h', properties: { text: 'Is it waterproof?' } }],
    expectPath: ['first-order', 'same-day', 'ice-break', 'wait-reply:event', 'staff-reply:won', 'conversation'],
    expectExit: 'completed:conversation',
  },
  ...(['lost', 'no_answer', 'timeout'] as const).map((outcome) => ({
    name: `replies, and the staff member records ${outcome}`,
    events: [firstOrder, { name: 'Message Replied', at: '5h', properties: { text: 'Is it waterproof?' } }],
    outcomes: { 'staff-reply': outcome },
    expectPath: ['first-order', 'same-day', 'ice-break', 'wait-reply:event', `staff-reply:${outcome}`, 'quiet', 'no-reply'],
    expectExit: 'completed:no-reply',
  })),
  {
    name: 'does not reply: marked quiet, no second message',
    events: [firstOrder],
    expectPath: ['first-order', 'same-day', 'ice-break', 'wait-reply:timeout', 'quiet', 'no-reply'],
    expectExit: 'completed:no-reply',
  },
  {
    name: 'comes back for a second order (goal)',
    events: [firstOrder, { name: 'Order Completed', at: '1d', properties: { isFirstOrder: false } }],
    expectPath: ['first-order', 'same-day', 'ice-break'],
    expectExit: 'goal:second-order',
  },
  {
    name: 'a repeat customer’s order does not start it',
    events: [{ name: 'Order Completed', at: '0m', properties: { isFirstOrder: false } }],
    expectPath: [],
    expectExit: 'not-entered',
  },
  {
    name: 'unsubscribes before the message: never sent',
    events: [firstOrder, { name: 'Unsubscribed', at: '1h' }],
    expectPath: ['first-order'],
    expectExit: 'exit-event:same-day',
  },
]);

describe('the ice-breaker message', () => {
  const journey = defaultJourney('first-purchase-ice-breaker');
  const send = (attributes: Record<string, unknown>) =>
    run(journey, { name: '', customer: { attributes }, events: [firstOrder], expectPath: [], expectExit: '' }).steps.find(
      (s) => s.nodeId === 'ice-break' && s.status === 'sent',
    );

  it('thanks the customer by name on the day of the purchase and asks a question', () => {
    const step = send({ firstName: 'Mai' })!;
    const body = (step.detail as { body: string }).body;
    expect(body).toMatch(/^Hello Mai, thank you for choosing Lotus Boutique today/);
    expect(body).toContain('silver bracelet');
    expect(body).toContain('?');
    expect(step.at - Date.UTC(2026, 0, 5, 8, 0)).toBe(2 * 3_600_000);
  });

  it('greets in Vietnamese, with a friendly fallback when the name is unknown', () => {
    const body = (send({ locale: 'vi' })!.detail as { body: string }).body;
    expect(body).toMatch(/^Xin chào bạn, cảm ơn bạn đã chọn Lotus Boutique hôm nay/);
  });
});
