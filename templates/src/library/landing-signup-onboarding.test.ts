import { describeTemplate } from '../testing/suite.js';

const signup = { name: 'Signed Up', at: '0m', properties: { landingPage: 'summer-sale' } };
const toGuide = ['signed-up', 'welcome', 'retarget-tag'];

describeTemplate('landing-signup-onboarding', () => [
  {
    name: 'completes the profile after guide 1, gets guide 2',
    customer: { attributes: { firstName: 'Hoa' } },
    events: [signup, { name: 'Profile Completed', at: '1d3h' }],
    expectPath: [...toGuide, 'ads-audience:success', 'wait-guide', 'guide-1', 'wait-setup:event', 'guide-2', 'guided'],
    expectExit: 'completed:guided',
  },
  {
    name: 'stalls: nudged, then guide 2',
    events: [signup],
    expectPath: [...toGuide, 'ads-audience:success', 'wait-guide', 'guide-1', 'wait-setup:timeout', 'nudge', 'guide-2', 'guided'],
    expectExit: 'completed:guided',
  },
  {
    name: 'the ads platform rejects the audience call: flagged, guidance goes on',
    events: [signup, { name: 'Profile Completed', at: '2d' }],
    outcomes: { 'ads-audience': 'failure' },
    expectPath: [...toGuide, 'ads-audience:failure', 'ads-failed', 'wait-guide', 'guide-1', 'wait-setup:event', 'guide-2', 'guided'],
    expectExit: 'completed:guided',
  },
  {
    name: 'orders before the first guide (goal)',
    events: [signup, { name: 'Order Completed', at: '5h' }],
    expectPath: [...toGuide, 'ads-audience:success'],
    expectExit: 'goal:first-order',
  },
  {
    name: 'unsubscribes while setup is awaited',
    events: [signup, { name: 'Unsubscribed', at: '2d' }],
    expectPath: [...toGuide, 'ads-audience:success', 'wait-guide', 'guide-1'],
    expectExit: 'exit-event:wait-setup',
  },
  {
    name: 'a sign-up without a landing page does not enter',
    events: [{ name: 'Signed Up', at: '0m', properties: {} }],
    expectPath: [],
    expectExit: 'not-entered',
  },
]);
