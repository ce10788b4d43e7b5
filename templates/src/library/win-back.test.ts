import { describeTemplate } from '../testing/suite.js';

const oldOrder = { name: 'Order Completed', at: '-200d' };
const visit = { name: 'Site Visited', at: '1h' };
const toSplit = ['lapsed', 'miss-you', 'wait-offer'];

describeTemplate('win-back', () => [
  {
    name: 'opens the offer email: gets the last call',
    customer: { attributes: { firstName: 'Tuan' } },
    events: [oldOrder, visit, { name: 'Email Opened', at: '2d' }],
    expectPath: [...toSplit, 'signs-of-life:interested', 'last-call', 'done-last-call'],
    expectExit: 'completed:done-last-call',
  },
  {
    name: 'no sign of life: marked dormant, no more messages',
    // Enters on a profile update (segments are re-evaluated on every event), then stays silent.
    events: [oldOrder, { name: 'Profile Updated', at: '1h' }],
    expectPath: [...toSplit, 'signs-of-life:else', 'mark-dormant', 'tag-dormant', 'done-dormant'],
    expectExit: 'dormant:done-dormant',
  },
  {
    name: 'orders again (goal)',
    events: [oldOrder, visit, { name: 'Order Completed', at: '3d' }],
    expectPath: ['lapsed', 'miss-you'],
    expectExit: 'goal:came-back',
  },
  {
    name: 'ordered 30 days ago: not lapsed',
    events: [{ name: 'Order Completed', at: '-30d' }, visit],
    expectPath: [],
    expectExit: 'not-entered',
  },
  {
    name: 'never ordered: not a lapsed customer',
    events: [visit],
    expectPath: [],
    expectExit: 'not-entered',
  },
  {
    name: 'unsubscribes after the offer',
    events: [oldOrder, visit, { name: 'Unsubscribed', at: '1d' }],
    expectPath: ['lapsed', 'miss-you'],
    expectExit: 'exit-event:wait-offer',
  },
]);
