import { describeTemplate } from '../testing/suite.js';

// simulate() checks a segment trigger at the start with no history, then on each event with the
// events before it: the customer enters on the first event after their fifth order.
const orders = ['-300d', '-200d', '-120d', '-60d', '-10d'].map((at) => ({ name: 'Order Completed', at }));
const toRsvp = ['loyal', 'tag-loyal', 'priority-rep', 'gift', 'wait-invite', 'invite'];

describeTemplate('loyalty-rewards', () => [
  {
    name: 'high lifetime value: enrolled at once, RSVPs',
    customer: { attributes: { firstName: 'Quang', lifetimeValue: 2500 } },
    events: [{ name: 'Event RSVP', at: '5d' }],
    expectPath: [...toRsvp, 'wait-rsvp:event', 'rsvp-confirm', 'done-rsvp'],
    expectExit: 'completed:done-rsvp',
  },
  {
    name: 'five orders in a year: enrolled on their next visit, no RSVP, one text',
    customer: { attributes: { lifetimeValue: 400 } },
    events: [...orders, { name: 'Page Viewed', at: '1h' }],
    expectPath: [...toRsvp, 'wait-rsvp:timeout', 'rsvp-reminder', 'done-reminded'],
    expectExit: 'completed:done-reminded',
  },
  {
    name: 'refers a friend after the gift (goal)',
    customer: { attributes: { lifetimeValue: 1000 } },
    events: [{ name: 'Referral Sent', at: '1d' }],
    expectPath: ['loyal', 'tag-loyal', 'priority-rep', 'gift'],
    expectExit: 'goal:referred',
  },
  {
    name: 'four orders and a small spend: not loyal yet',
    customer: { attributes: { lifetimeValue: 300 } },
    events: [...orders.slice(1), { name: 'Page Viewed', at: '1h' }],
    expectPath: [],
    expectExit: 'not-entered',
  },
  {
    name: 'unsubscribes before the invitation',
    customer: { attributes: { lifetimeValue: 5000 } },
    events: [{ name: 'Unsubscribed', at: '1d' }],
    expectPath: ['loyal', 'tag-loyal', 'priority-rep', 'gift'],
    expectExit: 'exit-event:wait-invite',
  },
]);
