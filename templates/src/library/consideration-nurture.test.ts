import { describeTemplate } from '../testing/suite.js';

const viewed = (at: string) => ({ name: 'Product Viewed', at, properties: { productName: 'Linen shirt', productUrl: 'https://shop.example/p/linen' } });
const toSplit = ['viewed', 'wait-benefits', 'benefits', 'wait-story', 'story'];

describeTemplate('consideration-nurture', () => [
  {
    name: 'clicks an email, requests the sample, gets it shipped',
    customer: { attributes: { firstName: 'Minh' } },
    events: [viewed('0m'), { name: 'Email Clicked', at: '1d2h' }, { name: 'Sample Requested', at: '4d' }],
    expectPath: [...toSplit, 'engaged:engaged', 'sample', 'wait-sample:event', 'sample-sent', 'done-sample'],
    expectExit: 'completed:done-sample',
  },
  {
    name: 'views the product 3 more times (engaged), ignores the sample, gets the promotion',
    events: [viewed('0m'), viewed('1h'), viewed('2h'), viewed('3h')],
    expectPath: [...toSplit, 'engaged:engaged', 'sample', 'wait-sample:timeout', 'promo', 'done-promo'],
    expectExit: 'completed:done-promo',
  },
  {
    name: 'one more view is not enough (2 of 3): straight to the promotion',
    events: [viewed('0m'), viewed('1h')],
    expectPath: [...toSplit, 'engaged:else', 'promo', 'done-promo'],
    expectExit: 'completed:done-promo',
  },
  {
    name: 'buys after the benefits email (goal)',
    events: [viewed('0m'), { name: 'Order Completed', at: '2d' }],
    expectPath: ['viewed', 'wait-benefits', 'benefits'],
    expectExit: 'goal:bought',
  },
  {
    name: 'unsubscribes before the brand story',
    events: [viewed('0m'), { name: 'Unsubscribed', at: '1d1h' }],
    expectPath: ['viewed', 'wait-benefits', 'benefits'],
    expectExit: 'exit-event:wait-story',
  },
]);
