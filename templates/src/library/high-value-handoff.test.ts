import { describeTemplate } from '../testing/suite.js';

const order = (total: number) => ({ name: 'Order Completed', at: '0m', properties: { orderId: 'D-1', total } });

describeTemplate('high-value-handoff', () => [
  {
    name: 'lifetime value over 5000: a sales rep (high-touch)',
    customer: { attributes: { firstName: 'Phuong', lifetimeValue: 8000 } },
    events: [order(120)],
    expectPath: ['ordered', 'value:high', 'assign-rep', 'rep-intro', 'done-high'],
    expectExit: 'completed:done-high',
  },
  {
    name: 'a single 1500 order: a sales rep too',
    customer: { attributes: { lifetimeValue: 0 } },
    events: [order(1500)],
    expectPath: ['ordered', 'value:high', 'assign-rep', 'rep-intro', 'done-high'],
    expectExit: 'completed:done-high',
  },
  {
    name: 'a 300 order: phone and self-service text (low-touch)',
    events: [order(300)],
    expectPath: ['ordered', 'value:mid', 'low-touch', 'done-mid'],
    expectExit: 'completed:done-mid',
  },
  {
    name: 'a 50 order: automated messages (tech-touch)',
    events: [order(50)],
    expectPath: ['ordered', 'value:else', 'tech-tips', 'wait-tips', 'tech-push', 'done-tech'],
    expectExit: 'completed:done-tech',
  },
  {
    name: 'orders again before the tip (goal)',
    events: [order(50), { ...order(80), at: '1d' }],
    expectPath: ['ordered', 'value:else', 'tech-tips'],
    expectExit: 'goal:reordered',
  },
  {
    name: 'unsubscribes before the tip',
    events: [order(50), { name: 'Unsubscribed', at: '1d' }],
    expectPath: ['ordered', 'value:else', 'tech-tips'],
    expectExit: 'exit-event:wait-tips',
  },
]);
