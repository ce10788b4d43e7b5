import { describeTemplate } from '../testing/suite.js';

const order = { name: 'Order Completed', at: '0m', properties: { orderId: 'A-1001', productName: 'ceramic teapot' } };
const toSurvey = ['ordered', 'thank-you', 'wait-tips', 'tips', 'survey'];

describeTemplate('post-purchase-care', () => [
  {
    name: 'rates 5: asked for a review',
    customer: { attributes: { firstName: 'Thu' } },
    events: [order, { name: 'Survey Submitted', at: '4d', properties: { rating: 5 } }],
    expectPath: [...toSurvey, 'wait-survey:event', 'rating:happy', 'ask-review', 'done-happy'],
    expectExit: 'completed:done-happy',
  },
  {
    name: 'rates 4 (the threshold): asked for a review',
    events: [order, { name: 'Survey Submitted', at: '4d', properties: { rating: 4 } }],
    expectPath: [...toSurvey, 'wait-survey:event', 'rating:happy', 'ask-review', 'done-happy'],
    expectExit: 'completed:done-happy',
  },
  {
    name: 'rates 2: a person calls, and we say sorry',
    events: [order, { name: 'Survey Submitted', at: '5d', properties: { rating: 2, comment: 'lid chipped' } }],
    expectPath: [...toSurvey, 'wait-survey:event', 'rating:else', 'care-call', 'sorry', 'done-care'],
    expectExit: 'completed:done-care',
  },
  {
    name: 'never answers: one reminder',
    events: [order],
    expectPath: [...toSurvey, 'wait-survey:timeout', 'survey-reminder', 'done-silent'],
    expectExit: 'completed:done-silent',
  },
  {
    name: 'posts a review before the survey (goal)',
    events: [order, { name: 'Review Posted', at: '3d2h' }],
    expectPath: toSurvey,
    expectExit: 'goal:reviewed',
  },
  {
    name: 'unsubscribes during the care wait',
    events: [order, { name: 'Unsubscribed', at: '1d' }],
    expectPath: ['ordered', 'thank-you'],
    expectExit: 'exit-event:wait-tips',
  },
]);
