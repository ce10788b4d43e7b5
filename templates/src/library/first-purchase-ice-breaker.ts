/**
 * Experience: the same-day ice-breaker of seed 004 (private-domain interaction). On the day of a
 * first purchase, thank the customer by name and invite a reply with a question, avoiding
 * one-way output; a reply goes to a person, silence gets no second push.
 */
import { Flow } from '../build/flow.js';
import { all, delay, exit, message, tag, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'first-purchase-ice-breaker';

const parameters = [
  param.duration('sendAfter', {
    label: 'Send after',
    description: 'Time after the purchase; keep it within the same day.',
    default: { amount: 2, unit: 'hours' },
    min: { amount: 0, unit: 'minutes' },
    max: { amount: 12, unit: 'hours' },
  }),
  param.channel('channel', {
    label: 'Channel',
    description: 'A channel the customer can reply on.',
    default: 'chat',
    options: ['chat', 'sms'],
  }),
  param.string('brandName', {
    label: 'Brand name',
    description: 'How the message names your shop.',
    default: 'Lotus Boutique',
    pattern: '[^{}%]{1,60}',
    patternMessage: 'must be 1-60 characters without { } or %',
  }),
  param.duration('replyTimeout', {
    label: 'Wait for a reply',
    description: 'How long a reply is waited for before the customer is marked as quiet.',
    default: { amount: 2, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 14, unit: 'days' },
  }),
  param.string('staffTeam', {
    label: 'Who answers',
    description: 'The team (shop staff, shopping guides) that answers replies one to one.',
    default: 'store-staff',
    pattern: '[A-Za-z0-9 _-]{2,60}',
    patternMessage: 'must be 2-60 letters, digits, spaces, "-" or "_"',
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'First purchase: same-day ice-breaker',
  stage: 'experience',
  description:
    'On the day of a first purchase, a personal thank-you by name that invites a reply; replies go to shop staff one to one, and quiet customers are not pushed again.',
  goal: { event: 'Order Completed', description: 'The customer comes back for a second order.' },
  expects: {
    events: [
      { name: 'Order Completed', properties: ['isFirstOrder', 'productName'], description: 'An order was paid; isFirstOrder is true on the first one.' },
      { name: 'Message Replied', properties: ['text'], description: 'The customer replied to our chat or text.' },
    ],
    attributes: [{ name: 'firstName', description: 'Used to thank the customer by name.' }],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['ice-breaker', 'thank you', 'first purchase', 'private domain', 'reply', 'phá băng', 'cảm ơn', 'đơn đầu tiên'],
  i18n: { vi: { title: 'Đơn đầu tiên: lời chào phá băng trong ngày', description: 'Cảm ơn khách bằng tên ngay trong ngày mua đầu tiên và mời khách trả lời.' } },
  build: (p) => {
    const brand = literal(p.brandName);
    return new Flow()
      .add(
        {
          id: 'first-order',
          type: 'trigger.event',
          event: 'Order Completed',
          label: 'First order',
          filter: all({ kind: 'property', property: 'isFirstOrder', operator: 'eq', value: true }),
        },
        delay('same-day', p.sendAfter, 'Later the same day'),
        message('ice-break', p.channel, {
          topic: 'customer_care',
          label: 'Ice-breaker',
          body: `Hello {{ customer.firstName | default: "there" }}, thank you for choosing ${brand} today, and for trusting us with your {{ event.properties.productName | default: "order" }}. If you have any questions about using or caring for it, just reply here. Which occasion is it for? I can suggest what goes well with it.`,
          vi: {
            body: `Xin chào {{ customer.firstName | default: "bạn" }}, cảm ơn bạn đã chọn ${brand} hôm nay và tin tưởng chúng tôi với {{ event.properties.productName | default: "đơn hàng" }}. Nếu có thắc mắc gì về cách dùng hay bảo quản, bạn cứ nhắn lại đây nhé. Bạn mua cho dịp nào vậy? Mình có thể gợi ý thêm món phù hợp.`,
          },
        }),
        waitFor('wait-reply', 'Message Replied', p.replyTimeout, 'Replied?'),
        {
          id: 'staff-reply',
          type: 'action.assignRep',
          label: 'Staff answers one to one',
          team: literal(p.staffTeam),
          priority: 'high',
          dueIn: { amount: 2, unit: 'hours' },
          taskTitle: 'Answer {{ customer.firstName }}: "{{ event.properties.text | truncate: 80 }}"',
          taskNotes: 'First-time customer. Answer warmly, offer clear value, ask a question back.',
          routing: 'leastLoaded',
          iceBreaker: 'Hi {{ customer.firstName | default: "there" }}, thank you for your reply! Happy to help. What matters most to you about it?',
          iceBreakerSubject: 'Thank you for your reply',
          // The journey waits for the staff member (docs/sales-handoff.md).
          waitForOutcome: true,
          timeoutAfter: { amount: 1, unit: 'days' },
          escalate: true,
        },
        tag('quiet', 'ice-break-no-reply', 'Mark as quiet'),
        exit('conversation', 'completed', 'In conversation'),
        exit('no-reply', 'completed', 'No reply'),
        {
          id: 'second-order',
          type: 'goal',
          event: 'Order Completed',
          label: 'Second order',
          filter: all({ kind: 'property', property: 'isFirstOrder', operator: 'neq', value: true }),
        },
      )
      .chain('first-order', 'same-day', 'ice-break', 'wait-reply')
      .link('wait-reply', 'event', 'staff-reply')
      .link('wait-reply', 'timeout', 'quiet')
      .link('staff-reply', 'won', 'conversation')
      .link('staff-reply', 'lost', 'quiet')
      .link('staff-reply', 'no_answer', 'quiet')
      .link('staff-reply', 'timeout', 'quiet')
      .chain('quiet', 'no-reply')
      .journey({
        id: ID,
        name: 'First purchase ice-breaker',
        stage: 'experience',
        description: 'Same-day personal thank-you inviting a reply.',
        settings: settings({ attributes: [] }),
      });
  },
});
