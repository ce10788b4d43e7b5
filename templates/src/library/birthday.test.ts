import { describeTemplate } from '../testing/suite.js';

const toSplit = ['daily', 'gift', 'wait-reminder'];

describeTemplate('birthday', () => [
  {
    name: 'birthday today, has the app: push reminder',
    customer: { attributes: { firstName: 'Linh', daysToBirthday: 0, appInstalled: true } },
    events: [],
    expectPath: [...toSplit, 'has-app:app', 'remind-push', 'done-push'],
    expectExit: 'completed:done-push',
  },
  {
    name: 'birthday today, no app: text reminder',
    customer: { attributes: { daysToBirthday: 0 } },
    events: [],
    expectPath: [...toSplit, 'has-app:else', 'remind-sms', 'done-sms'],
    expectExit: 'completed:done-sms',
  },
  {
    name: 'uses the birthday code (goal)',
    customer: { attributes: { daysToBirthday: 0 } },
    events: [{ name: 'Coupon Redeemed', at: '2d', properties: { code: 'BDAY15' } }],
    expectPath: ['daily', 'gift'],
    expectExit: 'goal:redeemed',
  },
  {
    name: 'uses some other code: not the goal, still reminded',
    customer: { attributes: { daysToBirthday: 0 } },
    events: [{ name: 'Coupon Redeemed', at: '2d', properties: { code: 'OTHER5' } }],
    expectPath: [...toSplit, 'has-app:else', 'remind-sms', 'done-sms'],
    expectExit: 'completed:done-sms',
  },
  {
    name: 'birthday in 12 days: not today',
    customer: { attributes: { daysToBirthday: 12 } },
    events: [],
    expectPath: [],
    expectExit: 'not-entered',
  },
  {
    name: 'unsubscribes before the reminder',
    customer: { attributes: { daysToBirthday: 0, appInstalled: true } },
    events: [{ name: 'Unsubscribed', at: '1d' }],
    expectPath: ['daily', 'gift'],
    expectExit: 'exit-event:wait-reminder',
  },
]);
