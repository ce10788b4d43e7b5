import { describeTemplate } from '../testing/suite.js';

const lead = { name: 'Lead Captured', at: '0m' };
const view = { name: 'Product Viewed', at: '2d', properties: { productName: 'rice cooker' } };
const firstOrder = { name: 'Order Completed', at: '4d', properties: { orderId: 'B-77' } };
const toOffer = ['lead', 'aw-guide', 'wait-interest:event', 'co-offer'];
const toRepeat = [...toOffer, 'wait-first-order:event', 'ex-thanks', 'wait-feedback', 'ex-feedback'];

describeTemplate('full-lifecycle', () => [
  {
    name: 'walks all five stages and becomes a repeat customer',
    customer: { attributes: { firstName: 'Vy' } },
    events: [lead, view, firstOrder, { name: 'Order Completed', at: '30d', properties: { orderId: 'B-91' } }],
    expectPath: [...toRepeat, 'wait-repeat:event', 'lo-tag', 'lo-gift', 'loyal'],
    expectExit: 'completed:loyal',
  },
  {
    name: 'never looks at a product: leaves after awareness',
    events: [lead],
    expectPath: ['lead', 'aw-guide', 'wait-interest:timeout', 'not-interested'],
    expectExit: 'not-interested:not-interested',
  },
  {
    name: 'considers but does not buy: last call, then out',
    events: [lead, view],
    expectPath: [...toOffer, 'wait-first-order:timeout', 'ac-last-call', 'not-converted'],
    expectExit: 'not-converted:not-converted',
  },
  {
    name: 'buys once and not again: win-back message',
    events: [lead, view, firstOrder],
    expectPath: [...toRepeat, 'wait-repeat:timeout', 'wb-miss-you', 'lapsed'],
    expectExit: 'completed:lapsed',
  },
  {
    name: 'refers a friend while we wait for the repeat order (goal)',
    events: [lead, view, firstOrder, { name: 'Referral Sent', at: '20d' }],
    expectPath: toRepeat,
    expectExit: 'goal:ambassador',
  },
  {
    name: 'unsubscribes at the consideration stage',
    events: [lead, view, { name: 'Unsubscribed', at: '3d' }],
    expectPath: toOffer,
    expectExit: 'exit-event:wait-first-order',
  },
]);
