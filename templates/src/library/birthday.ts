/**
 * Loyalty: a birthday gift. A daily schedule enrols customers whose birthday is N days away
 * (the `daysToBirthday` attribute, which your profile sync recomputes each night: the rule
 * language compares values, it has no "anniversary of a date" operator). A gift email, then a
 * reminder on the app for customers who have it, by text for the others.
 */
import { Flow } from '../build/flow.js';
import { all, delay, email, exit, GREETING, push, sms, split } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'birthday';

const parameters = [
  param.string('sendAt', {
    label: 'Send at',
    description: 'Time of day (the journey’s time zone) the daily schedule runs.',
    default: '09:00',
    pattern: '([01]\\d|2[0-3]):[0-5]\\d',
    patternMessage: 'must be a time like 09:00',
  }),
  param.number('daysBefore', {
    label: 'Days before the birthday',
    description: '0 sends on the day; 3 sends three days ahead so the gift can be used on the day.',
    default: 0,
    min: 0,
    max: 30,
    integer: true,
  }),
  param.string('giftCode', {
    label: 'Gift code',
    description: 'The birthday gift code.',
    default: 'BDAY15',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.number('giftPercent', {
    label: 'Gift discount (%)',
    description: 'The discount the code gives, as shown in the message.',
    default: 15,
    min: 1,
    max: 100,
    integer: true,
  }),
  param.duration('reminderAfter', {
    label: 'Reminder after',
    description: 'Time between the gift and the reminder.',
    default: { amount: 5, unit: 'days' },
    min: { amount: 1, unit: 'days' },
    max: { amount: 30, unit: 'days' },
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Birthday gift',
  stage: 'loyalty',
  description:
    'Every day, customers whose birthday is coming (or today) get a gift code; a reminder follows by push for app users, by text for the others.',
  goal: { event: 'Coupon Redeemed', description: 'The birthday code is used.' },
  expects: {
    events: [{ name: 'Coupon Redeemed', properties: ['code'], description: 'A discount code was used at checkout.' }],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'daysToBirthday', description: 'Days until the next birthday (0 on the day), recomputed daily by your profile sync.' },
      { name: 'appInstalled', description: 'true when the customer has the app (push reminders).' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['birthday', 'gift', 'schedule', 'anniversary', 'sinh nhật', 'quà tặng'],
  i18n: { vi: { title: 'Quà sinh nhật', description: 'Mỗi ngày gửi mã quà tặng cho khách sắp đến sinh nhật, kèm lời nhắc.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const code = literal(p.giftCode);
    const pct = p.giftPercent;
    return new Flow()
      .add(
        {
          id: 'daily',
          type: 'trigger.schedule',
          label: p.daysBefore === 0 ? 'Daily: birthday today' : `Daily: birthday in ${p.daysBefore} days`,
          schedule: { kind: 'recurring', every: 'day', at: literal(p.sendAt), daysOfWeek: [] },
          segment: all({ kind: 'attribute', attribute: 'daysToBirthday', operator: 'eq', value: p.daysBefore }),
        },
        email('gift', {
          topic: 'loyalty',
          label: 'Birthday gift',
          subject: `Happy birthday, ${hi}! A gift inside`,
          body: `Happy birthday, ${hi}!\n\nTo celebrate, here is ${pct}% off anything you like: use code ${code} within two weeks. Have a wonderful day!`,
          vi: {
            subject: `Chúc mừng sinh nhật ${chao}! Có quà cho bạn`,
            body: `Chúc mừng sinh nhật ${chao}!\n\nĐể chúc mừng, tặng bạn ưu đãi ${pct}% cho mọi sản phẩm: dùng mã ${code} trong vòng hai tuần. Chúc bạn một ngày thật vui!`,
          },
        }),
        delay('wait-reminder', p.reminderAfter),
        split('has-app', [
          { id: 'app', label: 'Has the app', rules: all({ kind: 'attribute', attribute: 'appInstalled', operator: 'eq', value: true }) },
        ], 'Has the app?'),
        push('remind-push', {
          topic: 'loyalty',
          label: 'Reminder (push)',
          subject: 'Your birthday gift is waiting',
          body: `Hi ${hi}, ${pct}% off with ${code}: don't forget your gift!`,
          vi: { subject: 'Quà sinh nhật đang chờ bạn', body: `${chao} ơi, giảm ${pct}% với mã ${code}: đừng quên quà của bạn nhé!` },
        }),
        sms('remind-sms', {
          topic: 'loyalty',
          label: 'Reminder (text)',
          body: `Hi ${hi}, your birthday gift: ${pct}% off with ${code}. Reply STOP to opt out.`,
          vi: { body: `${chao} ơi, quà sinh nhật: giảm ${pct}% với mã ${code}. Trả lời TC để từ chối.` },
        }),
        exit('done-push', 'completed', 'Reminded (push)'),
        exit('done-sms', 'completed', 'Reminded (text)'),
        {
          id: 'redeemed',
          type: 'goal',
          event: 'Coupon Redeemed',
          label: 'Gift used',
          filter: all({ kind: 'property', property: 'code', operator: 'eq', value: code }),
        },
      )
      .chain('daily', 'gift', 'wait-reminder', 'has-app')
      .link('has-app', 'app', 'remind-push')
      .link('has-app', 'else', 'remind-sms')
      .chain('remind-push', 'done-push')
      .chain('remind-sms', 'done-sms')
      .journey({
        id: ID,
        name: 'Birthday gift',
        stage: 'loyalty',
        description: 'Daily schedule: a gift for customers with a birthday.',
        // Once a year: re-entry is allowed after 300 days, so next year's birthday counts.
        settings: settings({ attributes: ['daysToBirthday', 'appInstalled'], entry: { mode: 'reentry', reentryAfterDays: 300, maxConcurrent: 1 } }),
      });
  },
});
