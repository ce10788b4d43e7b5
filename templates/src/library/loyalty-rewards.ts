/**
 * Loyalty: special programmes for loyal customers (seed 000: gifts, exclusive events, priority
 * care). Customers who order often or spend a lot are tagged, get a priority-care rep, a gift,
 * and an invitation to a members-only event.
 */
import { Flow } from '../build/flow.js';
import { any, delay, email, exit, goal, GREETING, sms, tag, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'loyalty-rewards';

const parameters = [
  param.number('loyalOrders', {
    label: 'Orders that make a customer loyal',
    description: 'Orders in the last year from which a customer counts as loyal.',
    default: 5,
    min: 2,
    max: 100,
    integer: true,
  }),
  param.number('lifetimeValue', {
    label: 'Or lifetime value from',
    description: 'Customers who spent at least this much also count as loyal.',
    default: 1000,
    min: 1,
  }),
  param.string('giftCode', {
    label: 'Gift code',
    description: 'The code of the thank-you gift.',
    default: 'THANKYOU',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.string('eventName', {
    label: 'Exclusive event',
    description: 'The members-only event the customer is invited to.',
    default: 'our members-only evening',
    pattern: '[^{}%]{3,80}',
    patternMessage: 'must be 3-80 characters without { } or %',
  }),
  param.duration('inviteAfter', {
    label: 'Invitation after',
    description: 'Time between the gift and the invitation.',
    default: { amount: 3, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 60, unit: 'days' },
  }),
  param.duration('rsvpTimeout', {
    label: 'RSVP reminder after',
    description: 'How long to wait for an RSVP before one text reminder.',
    default: { amount: 7, unit: 'days' },
    min: { amount: 1, unit: 'days' },
    max: { amount: 60, unit: 'days' },
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Loyal customers: gift, exclusive event, priority care',
  stage: 'loyalty',
  description:
    'Customers with many orders or a high lifetime value are tagged loyal, get a priority-care rep, a thank-you gift and an invitation to a members-only event.',
  goal: { event: 'Referral Sent', description: 'The loyal customer recommends us to a friend.' },
  expects: {
    events: [
      { name: 'Order Completed', properties: [], description: 'An order was paid (counted over the last year).' },
      { name: 'Event RSVP', properties: [], description: 'The customer accepted the invitation.' },
      { name: 'Referral Sent', properties: [], description: 'The customer referred a friend.' },
    ],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'lifetimeValue', description: 'Total spent by the customer.' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['loyalty', 'gift', 'vip', 'exclusive event', 'priority care', 'khách hàng trung thành', 'quà tặng', 'sự kiện riêng'],
  i18n: { vi: { title: 'Khách hàng trung thành: quà tặng, sự kiện riêng, chăm sóc ưu tiên', description: 'Tặng quà, mời sự kiện riêng và chăm sóc ưu tiên cho khách hàng trung thành.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const code = literal(p.giftCode);
    const ev = literal(p.eventName);
    return new Flow()
      .add(
        {
          id: 'loyal',
          type: 'trigger.segment',
          label: 'Becomes a loyal customer',
          segmentName: 'Loyal customers',
          conditions: any(
            { kind: 'event', where: [], event: 'Order Completed', count: { operator: 'gte', value: p.loyalOrders }, within: { amount: 365, unit: 'days' } },
            { kind: 'attribute', attribute: 'lifetimeValue', operator: 'gte', value: p.lifetimeValue },
          ),
        },
        tag('tag-loyal', 'loyal', 'Tag loyal'),
        {
          id: 'priority-rep',
          type: 'action.assignRep',
          label: 'Priority care rep',
          team: 'priority-care',
          priority: 'high',
          dueIn: { amount: 2, unit: 'days' },
          taskTitle: 'Introduce yourself to {{ customer.firstName }}, a new loyal customer',
          taskNotes: 'Lifetime value: {{ customer.lifetimeValue }}. Offer priority support and your direct line.',
        },
        email('gift', {
          topic: 'loyalty',
          label: 'Thank-you gift',
          subject: `Hi ${hi}, a thank-you gift for you`,
          body: `Hi ${hi},\n\nYou have been with us through many orders, and we noticed. Here is a gift: use code ${code} for a free item with your next order. From now on you also have a personal contact for anything you need.`,
          vi: {
            subject: `${chao} ơi, món quà cảm ơn dành cho bạn`,
            body: `Chào ${chao},\n\nBạn đã đồng hành cùng chúng tôi qua rất nhiều đơn hàng. Xin gửi bạn món quà: nhập mã ${code} để nhận một sản phẩm miễn phí trong đơn tiếp theo. Từ nay bạn cũng có nhân viên chăm sóc riêng cho mọi nhu cầu.`,
          },
        }),
        delay('wait-invite', p.inviteAfter),
        email('invite', {
          topic: 'events',
          label: 'Exclusive event invitation',
          subject: `You are invited: ${ev}`,
          body: `Hi ${hi},\n\nAs one of our most loyal customers, you are invited to ${ev}: a first look at new collections, and a chance to meet the team. Reply RSVP to save your seat.`,
          vi: {
            subject: `Trân trọng kính mời: ${ev}`,
            body: `Chào ${chao},\n\nLà một trong những khách hàng thân thiết nhất, bạn được mời tham dự ${ev}: xem trước bộ sưu tập mới và gặp gỡ đội ngũ. Hãy xác nhận để giữ chỗ.`,
          },
        }),
        waitFor('wait-rsvp', 'Event RSVP', p.rsvpTimeout, 'RSVP?'),
        email('rsvp-confirm', {
          topic: 'transactional',
          transactional: true,
          label: 'RSVP confirmation',
          subject: 'Your seat is saved',
          body: `Thank you, ${hi}: your seat at ${ev} is saved. We look forward to seeing you.`,
          vi: { subject: 'Chỗ của bạn đã được giữ', body: `Cảm ơn ${chao}: chỗ của bạn tại ${ev} đã được giữ. Rất mong được gặp bạn.` },
        }),
        sms('rsvp-reminder', {
          topic: 'events',
          label: 'RSVP reminder',
          body: `Hi ${hi}, seats for ${ev} are filling up. Reply YES to join us. Reply STOP to opt out.`,
          vi: { body: `${chao} ơi, chỗ tại ${ev} sắp kín. Trả lời CO để tham dự. Trả lời TC để từ chối.` },
        }),
        exit('done-rsvp', 'completed', 'Coming'),
        exit('done-reminded', 'completed', 'Reminded'),
        goal('referred', 'Referral Sent', 'Referred a friend'),
      )
      .chain('loyal', 'tag-loyal', 'priority-rep', 'gift', 'wait-invite', 'invite', 'wait-rsvp')
      .link('wait-rsvp', 'event', 'rsvp-confirm')
      .link('wait-rsvp', 'timeout', 'rsvp-reminder')
      .chain('rsvp-confirm', 'done-rsvp')
      .chain('rsvp-reminder', 'done-reminded')
      .journey({
        id: ID,
        name: 'Loyal customer rewards',
        stage: 'loyalty',
        description: 'Gift, exclusive event and priority care for loyal customers.',
        settings: settings({ attributes: ['lifetimeValue'] }),
      });
  },
});
