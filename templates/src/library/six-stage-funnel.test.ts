import { describeTemplate } from '../testing/suite.js';

const signup = { name: 'Signed Up', at: '0m' };
const order = { name: 'Order Completed', at: '3d', properties: { orderId: 'C-5' } };
const toRetention = ['signed-up', 's1-brand', 'wait-offer', 's2-offer', 'wait-order:event', 's3-onboard', 'wait-engage', 's4-engage', 'wait-retain'];

describeTemplate('six-stage-funnel', () => [
  {
    name: 'buys, opens a support ticket: a person makes sure it is resolved, then the referral ask',
    customer: { attributes: { firstName: 'Duc', favoriteCategory: 'tea', loyaltyPoints: 120 } },
    events: [signup, order, { name: 'Support Ticket Opened', at: '20d' }],
    expectPath: [...toRetention, 's5-issue:had-issue', 's5-resolve', 's6-referral', 'done'],
    expectExit: 'completed:done',
  },
  {
    name: 'buys, no issue: check-in, then the referral ask',
    events: [signup, order],
    expectPath: [...toRetention, 's5-issue:else', 's5-checkin', 's6-referral', 'done'],
    expectExit: 'completed:done',
  },
  {
    name: 'does not buy: last call and out',
    events: [signup],
    expectPath: ['signed-up', 's1-brand', 'wait-offer', 's2-offer', 'wait-order:timeout', 's2-last-call', 'no-order'],
    expectExit: 'not-converted:no-order',
  },
  {
    name: 'refers a friend during engagement (goal)',
    events: [signup, order, { name: 'Referral Sent', at: '20d' }],
    expectPath: toRetention.slice(0, -1),
    expectExit: 'goal:referred',
  },
  {
    name: 'unsubscribes before the offer',
    events: [signup, { name: 'Unsubscribed', at: '1d' }],
    expectPath: ['signed-up', 's1-brand'],
    expectExit: 'exit-event:wait-offer',
  },
]);
