import { describeTemplate } from '../testing/suite.js';

const order = (total: number) => ({ name: 'Order Completed', at: '0m', properties: { orderId: 'D-1', total } });

describeTemplate('high-value-handoff', () => [
  {
    name: 'lifetime value over 5000: a sales rep (high-touch)',
    customer: { attributes: { firstName: 'Phuong', lifetimeValue: 8000 } },
    events: [order(120)],
    expectPath: ['ordered', 'value:high', 'rep-intro', 'assign-rep:won', 'done-high'],
    expectExit: 'completed:done-high',
  },
  {
    name: 'a single 1500 order: a sales rep too',
    customer: { attributes: { lifetimeValue: 0 } },
    events: [order(1500)],
    expectPath: ['ordered', 'value:high', 'rep-intro', 'assign-rep:won', 'done-high'],
    expectExit: 'completed:done-high',
  },
  {
    name: 'the rep lost them: the automated path',
    customer: { attributes: { lifetimeValue: 9000 } },
    events: [order(120)],
    outcomes: { 'assign-rep': 'lost' },
    expectPath: ['ordered', 'value:high', 'rep-intro', 'assign-rep:lost', 'tech-tips', 'wait-tips', 'tech-push', 'done-tech'],
    expectExit: 'completed:done-tech',
  },
  {
    name: 'no answer, or no outcome in time: the low-touch text',
    customer: { attributes: { lifetimeValue: 9000 } },
    events: [order(120)],
    outcomes: { 'assign-rep': 'no_answer' },
    expectPath: ['ordered', 'value:high', 'rep-intro', 'assign-rep:no_answer', 'low-touch', 'done-mid'],
    expectExit: 'completed:done-mid',
  },
  {
    name: 'the task timed out (escalated): the low-touch text',
    customer: { attributes: { lifetimeValue: 9000 } },
    events: [order(120)],
    outcomes: { 'assign-rep': 'timeout' },
    expectPath: ['ordered', 'value:high', 'rep-intro', 'assign-rep:timeout', 'low-touch', 'done-mid'],
    expectExit: 'completed:done-mid',
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
