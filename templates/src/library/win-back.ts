/**
 * Win-back: customers who bought before but not in the last N days (a segment on event history).
 * A "we miss you" offer; after a while, customers who showed signs of life get a last call on
 * the channel of choice, the others are marked dormant so other journeys stop pushing them.
 */
import { Flow } from '../build/flow.js';
import { all, any, delay, email, exit, goal, GREETING, message, setAttribute, split, tag } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'win-back';

const parameters = [
  param.number('lapsedDays', {
    label: 'Lapsed after (days)',
    description: 'Customers with no order in this many days enter the journey.',
    default: 90,
    min: 14,
    max: 730,
    integer: true,
  }),
  param.string('discountCode', {
    label: 'Comeback code',
    description: 'The code offered to lapsed customers.',
    default: 'MISSYOU20',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.duration('offerRunsFor', {
    label: 'Offer runs for',
    description: 'Time between the offer and the check for signs of life.',
    default: { amount: 7, unit: 'days' },
    min: { amount: 1, unit: 'days' },
    max: { amount: 60, unit: 'days' },
  }),
  param.channel('lastCallChannel', {
    label: 'Last call channel',
    description: 'How customers who showed interest get the last call.',
    default: 'sms',
    options: ['sms', 'push', 'email', 'chat'],
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Win back lapsed customers',
  stage: 'win-back',
  description:
    'Customers who have ordered before but not in N days get a comeback offer; those who open or visit get a last call, the rest are marked dormant.',
  goal: { event: 'Order Completed', description: 'The lapsed customer orders again.' },
  expects: {
    events: [
      { name: 'Order Completed', properties: [], description: 'An order was paid (its history defines "lapsed").' },
      { name: 'Email Opened', properties: [], description: 'One of our emails was opened.' },
      { name: 'Site Visited', properties: [], description: 'The customer visited the site or app.' },
    ],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'lifecycleStatus', description: 'Set to "dormant" by this journey when the customer does not respond.' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['win-back', 'lapsed', 'churn', 'reactivation', 'we miss you', 'khách hàng rời bỏ', 'tái kích hoạt'],
  i18n: { vi: { title: 'Kéo lại khách hàng lâu không mua', description: 'Ưu đãi quay lại cho khách đã lâu không mua hàng; khách không phản hồi được đánh dấu ngủ đông.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const code = literal(p.discountCode);
    return new Flow()
      .add(
        {
          id: 'lapsed',
          type: 'trigger.segment',
          label: `No order in ${p.lapsedDays} days`,
          segmentName: 'Lapsed customers',
          conditions: all(
            { kind: 'event', where: [], event: 'Order Completed', count: { operator: 'gte', value: 1 } },
            { kind: 'event', where: [], event: 'Order Completed', count: { operator: 'eq', value: 0 }, within: { amount: p.lapsedDays, unit: 'days' } },
          ),
        },
        email('miss-you', {
          topic: 'promotions',
          label: 'We miss you',
          subject: `We miss you, ${hi}: 20% off to come back`,
          body: `Hi ${hi},\n\nIt has been a while! A lot is new since your last visit. Come and see, with 20% off using code ${code}.`,
          vi: {
            subject: `Chúng tôi nhớ ${chao}: giảm 20% khi quay lại`,
            body: `Chào ${chao},\n\nĐã lâu không gặp! Có rất nhiều điều mới từ lần cuối bạn ghé. Quay lại xem nhé, giảm 20% với mã ${code}.`,
          },
        }),
        delay('wait-offer', p.offerRunsFor),
        split('signs-of-life', [
          {
            id: 'interested',
            label: 'Opened or visited',
            rules: any(
              { kind: 'event', where: [], event: 'Email Opened', count: { operator: 'gte', value: 1 }, within: p.offerRunsFor },
              { kind: 'event', where: [], event: 'Site Visited', count: { operator: 'gte', value: 1 }, within: p.offerRunsFor },
            ),
          },
        ], 'Any sign of life?'),
        message('last-call', p.lastCallChannel, {
          topic: 'promotions',
          label: 'Last call',
          subject: 'Last day for 20% off',
          body: `Hi ${hi}, your comeback code ${code} ends tonight.`,
          vi: { subject: 'Ngày cuối giảm 20%', body: `${chao} ơi, mã ${code} hết hạn tối nay.` },
        }),
        setAttribute('mark-dormant', 'lifecycleStatus', 'dormant', 'string', 'Mark dormant'),
        tag('tag-dormant', 'win-back-no-response', 'Tag no response'),
        exit('done-last-call', 'completed', 'Last call sent'),
        exit('done-dormant', 'dormant', 'Dormant'),
        goal('came-back', 'Order Completed', 'Came back'),
      )
      .chain('lapsed', 'miss-you', 'wait-offer', 'signs-of-life')
      .link('signs-of-life', 'interested', 'last-call')
      .link('signs-of-life', 'else', 'mark-dormant')
      .chain('last-call', 'done-last-call')
      .chain('mark-dormant', 'tag-dormant', 'done-dormant')
      .journey({
        id: ID,
        name: 'Win-back',
        stage: 'win-back',
        description: `Lapsed customers (no order in ${p.lapsedDays} days) get a comeback offer.`,
        settings: settings({
          attributes: ['lifecycleStatus'],
          // Lapsing again later is a new story: allow a new entry after half a year.
          entry: { mode: 'reentry', reentryAfterDays: 180, maxConcurrent: 1 },
        }),
      });
  },
});
