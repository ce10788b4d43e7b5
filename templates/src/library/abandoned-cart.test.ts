import { describeTemplate } from '../testing/suite.js';

const cart = (cartTotal: number, name = 'Cart Updated') => ({ name, at: '0m', properties: { cartTotal, cartUrl: 'https://shop.example/cart/42' } });
const toSplit = ['mark-waiting', 'wait-order:timeout', 'mark-reminded', 'remind-1', 'wait-2'];

describeTemplate('abandoned-cart', () => [
  {
    name: 'orders within the hour: no reminder, no goal credit',
    events: [cart(80), { name: 'Order Completed', at: '30m' }],
    expectPath: ['cart', 'mark-waiting', 'wait-order:event', 'bought-anyway'],
    expectExit: 'completed:bought-anyway',
  },
  {
    name: 'abandons an 80 checkout: reminder, discount, last call',
    customer: { attributes: { firstName: 'Khanh' } },
    events: [cart(80, 'Checkout Started')],
    expectPath: ['checkout', ...toSplit, 'cart-value:big-cart', 'remind-discount', 'wait-last', 'last-call', 'done-discount'],
    expectExit: 'completed:done-discount',
  },
  {
    name: 'abandons a 20 cart: reminder, then a gentle push',
    events: [cart(20)],
    expectPath: ['cart', ...toSplit, 'cart-value:else', 'remind-push', 'done-push'],
    expectExit: 'completed:done-push',
  },
  {
    name: 'orders after the first reminder (goal: recovered)',
    events: [cart(80), { name: 'Order Completed', at: '5h' }],
    expectPath: ['cart', ...toSplit.slice(0, -1)],
    expectExit: 'goal:recovered',
  },
  {
    name: 'unsubscribes after the first reminder',
    events: [cart(80), { name: 'Unsubscribed', at: '3h' }],
    expectPath: ['cart', ...toSplit.slice(0, -1)],
    expectExit: 'exit-event:wait-2',
  },
]);
