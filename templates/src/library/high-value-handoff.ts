/**
 * High-, low- and tech-touch service (seed 003): the same order event, three service levels by
 * value. High-value customers (lifetime value or a big order) get a sales rep; mid-value a text
 * pointing to phone and self-service; everyone else automated, useful messages.
 */
import { Flow } from '../build/flow.js';
import { any, delay, email, exit, goal, GREETING, push, sms, split } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'high-value-handoff';

const parameters = [
  param.number('lifetimeValueThreshold', {
    label: 'High value: lifetime value from',
    description: 'Customers who have spent at least this much get a sales rep.',
    default: 5000,
    min: 1,
  }),
  param.number('orderTotalThreshold', {
    label: 'High value: order total from',
    description: 'A single order at least this big also gets a sales rep.',
    default: 1000,
    min: 1,
  }),
  param.number('midOrderThreshold', {
    label: 'Low-touch: order total from',
    description: 'Orders at least this big (below the high-value bar) get the low-touch text.',
    default: 200,
    min: 0,
  }),
  param.string('salesTeam', {
    label: 'Sales team',
    description: 'The team whose reps take high-value customers.',
    default: 'key-accounts',
    pattern: '[A-Za-z0-9 _-]{2,60}',
    patternMessage: 'must be 2-60 letters, digits, spaces, "-" or "_"',
  }),
  param.duration('repWithin', {
    label: 'Rep calls within',
    description: 'Due time of the rep’s follow-up task.',
    default: { amount: 1, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 14, unit: 'days' },
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'High-value customers to a sales rep',
  stage: 'experience',
  description:
    'Splits customers by value after an order: a sales rep for high-value customers (high-touch), a phone and self-service text for mid-value (low-touch), automated messages for the rest (tech-touch).',
  goal: { event: 'Order Completed', description: 'The customer orders again.' },
  expects: {
    events: [{ name: 'Order Completed', properties: ['orderId', 'total'], description: 'An order was paid; total is its amount.' }],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'lifetimeValue', description: 'Total spent by the customer.' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['high-touch', 'low-touch', 'tech-touch', 'sales rep', 'high value', 'vip', 'khách hàng giá trị cao', 'nhân viên kinh doanh'],
  i18n: { vi: { title: 'Khách hàng giá trị cao cho nhân viên kinh doanh', description: 'Khách giá trị cao được nhân viên chăm sóc 1-1, khách khác nhận tin nhắn tự động.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    return new Flow()
      .add(
        { id: 'ordered', type: 'trigger.event', event: 'Order Completed', label: 'Order completed' },
        split('value', [
          {
            id: 'high',
            label: 'High value: high-touch',
            rules: any(
              { kind: 'attribute', attribute: 'lifetimeValue', operator: 'gte', value: p.lifetimeValueThreshold },
              { kind: 'property', property: 'total', operator: 'gte', value: p.orderTotalThreshold },
            ),
          },
          {
            id: 'mid',
            label: 'Mid value: low-touch',
            rules: any({ kind: 'property', property: 'total', operator: 'gte', value: p.midOrderThreshold }),
          },
        ], 'Customer value'),
        {
          id: 'assign-rep',
          type: 'action.assignRep',
          label: 'Hand to a sales rep',
          team: literal(p.salesTeam),
          priority: 'high',
          dueIn: p.repWithin,
          taskTitle: 'Call {{ customer.firstName }} about order {{ event.properties.orderId }} ({{ event.properties.total }})',
          taskNotes: 'Lifetime value {{ customer.lifetimeValue | default: 0 }}. Thank them personally and offer a review of their needs.',
          routing: 'roundRobin',
          iceBreaker: 'Hello {{ customer.firstName | default: "there" }}, thank you for your order {{ event.properties.orderId }}! I am your personal advisor. Is there anything you would like to go through together, or a good time for a short call?',
          iceBreakerSubject: 'Your personal advisor',
          // The journey waits for the rep (docs/sales-handoff.md): no answer or no outcome in time
          // falls back to the low-touch text, a lost customer to the automated path.
          waitForOutcome: true,
          timeoutAfter: { amount: 1, unit: 'days' },
          escalate: true,
        },
        email('rep-intro', {
          topic: 'customer_care',
          label: 'Your personal advisor',
          subject: 'Your personal advisor will call you',
          body: `Hi ${hi},\n\nThank you for your order {{ event.properties.orderId }}. As one of our valued customers you have a personal advisor, who will call you shortly to make sure everything is exactly as you want it.`,
          vi: {
            subject: 'Chuyên viên riêng sẽ gọi cho bạn',
            body: `Chào ${chao},\n\nCảm ơn bạn đã đặt đơn {{ event.properties.orderId }}. Là khách hàng thân thiết, bạn có chuyên viên tư vấn riêng, người sẽ sớm gọi để đảm bảo mọi thứ đúng như bạn mong muốn.`,
          },
        }),
        sms('low-touch', {
          topic: 'customer_care',
          label: 'Phone and self-service',
          body: `Thanks for your order, ${hi}! Questions? Call us on 1900 1234 or manage your order at example.com/orders. Reply STOP to opt out.`,
          vi: { body: `Cảm ơn ${chao} đã đặt hàng! Cần hỗ trợ? Gọi 1900 1234 hoặc quản lý đơn tại example.com/orders. Trả lời TC để từ chối.` },
        }),
        email('tech-tips', {
          topic: 'onboarding',
          label: 'Automated: getting started',
          subject: 'Everything about your order, in one place',
          body: `Hi ${hi},\n\nTrack your order, find answers in our help centre, or chat with our assistant any time: everything is at example.com/help.`,
          vi: {
            subject: 'Mọi thông tin về đơn hàng ở một nơi',
            body: `Chào ${chao},\n\nTheo dõi đơn hàng, tìm câu trả lời ở trung tâm hỗ trợ, hoặc trò chuyện với trợ lý bất cứ lúc nào tại example.com/help.`,
          },
        }),
        delay('wait-tips', { amount: 3, unit: 'days' }),
        push('tech-push', {
          topic: 'product_news',
          label: 'Automated: tip',
          subject: 'A tip for you',
          body: `Hi ${hi}, 3 ways to get more from your purchase. Tap to see.`,
          vi: { subject: 'Mẹo dành cho bạn', body: `${chao} ơi, 3 cách dùng sản phẩm hiệu quả hơn. Chạm để xem.` },
        }),
        exit('done-high', 'completed', 'With a rep'),
        exit('done-mid', 'completed', 'Low-touch'),
        exit('done-tech', 'completed', 'Tech-touch'),
        goal('reordered', 'Order Completed', 'Ordered again'),
      )
      .chain('ordered', 'value')
      .link('value', 'high', 'rep-intro')
      .link('value', 'mid', 'low-touch')
      .link('value', 'else', 'tech-tips')
      .chain('rep-intro', 'assign-rep')
      .link('assign-rep', 'won', 'done-high')
      .link('assign-rep', 'lost', 'tech-tips')
      .link('assign-rep', 'no_answer', 'low-touch')
      .link('assign-rep', 'timeout', 'low-touch')
      .chain('low-touch', 'done-mid')
      .chain('tech-tips', 'wait-tips', 'tech-push', 'done-tech')
      .journey({
        id: ID,
        name: 'High-value hand-off',
        stage: 'experience',
        description: 'High-, low- and tech-touch service by customer value.',
        settings: settings({ attributes: ['lifetimeValue'] }),
      });
  },
});
