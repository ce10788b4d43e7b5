/**
 * Acquisition: an abandoned cart or checkout. Wait for the order; if it does not come, remind,
 * then offer a discount on bigger carts and a gentle push on small ones. The goal counts only
 * orders placed after a reminder (cartRecovery = "reminded"), so the conversion rate measures
 * what the reminders recovered; orders placed before any reminder leave through the wait.
 */
import { Flow } from '../build/flow.js';
import { all, delay, email, exit, GREETING, push, setAttribute, split, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'abandoned-cart';

const parameters = [
  param.duration('firstReminderAfter', {
    label: 'First reminder after',
    description: 'How long to wait for the order before the first reminder.',
    default: { amount: 1, unit: 'hours' },
    min: { amount: 15, unit: 'minutes' },
    max: { amount: 2, unit: 'days' },
  }),
  param.duration('secondReminderAfter', {
    label: 'Second reminder after',
    description: 'Time between the first and the second reminder.',
    default: { amount: 1, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 7, unit: 'days' },
  }),
  param.number('discountFrom', {
    label: 'Discount for carts from',
    description: 'Carts worth at least this get the discount code; smaller ones a push reminder.',
    default: 50,
    min: 0,
  }),
  param.string('discountCode', {
    label: 'Discount code',
    description: 'The code in the second reminder.',
    default: 'COMEBACK10',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.duration('lastCallAfter', {
    label: 'Last call after',
    description: 'Time between the discount and the last-call push.',
    default: { amount: 2, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 14, unit: 'days' },
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Abandoned cart recovery',
  stage: 'acquisition',
  description:
    'When a cart or checkout is left behind: wait for the order, remind, then a discount code for bigger carts and a push for small ones.',
  goal: { event: 'Order Completed', description: 'The customer completes the order after a reminder.' },
  expects: {
    events: [
      { name: 'Cart Updated', properties: ['cartUrl', 'cartTotal'], description: 'Items were added to or removed from the cart.' },
      { name: 'Checkout Started', properties: ['cartUrl', 'cartTotal'], description: 'The customer began checking out.' },
      { name: 'Order Completed', properties: [], description: 'An order was paid.' },
    ],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'cartRecovery', description: 'Set by this journey: "waiting", then "reminded" once a reminder went out.' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['abandoned cart', 'checkout', 'reminder', 'discount', 'giỏ hàng bị bỏ quên', 'nhắc nhở', 'mã giảm giá'],
  i18n: { vi: { title: 'Khôi phục giỏ hàng bị bỏ quên', description: 'Nhắc khách hoàn tất đơn hàng, tặng mã giảm giá cho giỏ hàng lớn.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const code = literal(p.discountCode);
    return new Flow()
      .add(
        { id: 'cart', type: 'trigger.event', event: 'Cart Updated', label: 'Cart updated' },
        { id: 'checkout', type: 'trigger.event', event: 'Checkout Started', label: 'Checkout started' },
        setAttribute('mark-waiting', 'cartRecovery', 'waiting', 'string', 'Not reminded yet'),
        // Orders now are the customer's own doing: the goal's filter ignores them, this wait takes them.
        waitFor('wait-order', 'Order Completed', p.firstReminderAfter, 'Ordered?'),
        exit('bought-anyway', 'completed', 'Bought without a reminder'),
        setAttribute('mark-reminded', 'cartRecovery', 'reminded', 'string', 'Reminded'),
        email('remind-1', {
          topic: 'promotions',
          label: 'Reminder',
          subject: `Hi ${hi}, you left something behind`,
          body: `Hi ${hi},\n\nYour cart is saved and ready when you are: {{ event.properties.cartUrl }}`,
          vi: { subject: `${chao} ơi, bạn còn quên món đồ này`, body: `Chào ${chao},\n\nGiỏ hàng của bạn vẫn được lưu, sẵn sàng khi bạn cần: {{ event.properties.cartUrl }}` },
        }),
        delay('wait-2', p.secondReminderAfter),
        split('cart-value', [
          {
            id: 'big-cart',
            label: 'Cart worth a discount',
            rules: all({ kind: 'property', property: 'cartTotal', operator: 'gte', value: p.discountFrom }),
          },
        ], 'Cart value'),
        email('remind-discount', {
          topic: 'promotions',
          label: 'Discount reminder',
          subject: '10% off to finish your order',
          body: `Hi ${hi},\n\nStill deciding? Finish your order with code ${code} for 10% off: {{ event.properties.cartUrl }}`,
          vi: { subject: 'Giảm 10% để hoàn tất đơn hàng', body: `Chào ${chao},\n\nBạn vẫn đang cân nhắc? Hoàn tất đơn với mã ${code} để được giảm 10%: {{ event.properties.cartUrl }}` },
        }),
        delay('wait-last', p.lastCallAfter),
        push('last-call', {
          topic: 'promotions',
          label: 'Last call',
          subject: 'Your code ends today',
          body: `Hi ${hi}, ${code} expires tonight. Your cart is waiting.`,
          vi: { subject: 'Mã giảm giá hết hạn hôm nay', body: `${chao} ơi, mã ${code} hết hạn tối nay. Giỏ hàng vẫn đang chờ bạn.` },
        }),
        push('remind-push', {
          topic: 'promotions',
          label: 'Gentle push',
          subject: 'Your cart is waiting',
          body: `Hi ${hi}, the items in your cart are still available. Tap to check out.`,
          vi: { subject: 'Giỏ hàng đang chờ bạn', body: `${chao} ơi, các sản phẩm trong giỏ vẫn còn hàng. Chạm để thanh toán.` },
        }),
        exit('done-discount', 'completed', 'Discount sent'),
        exit('done-push', 'completed', 'Reminded'),
        {
          id: 'recovered',
          type: 'goal',
          event: 'Order Completed',
          label: 'Recovered order',
          filter: all({ kind: 'attribute', attribute: 'cartRecovery', operator: 'eq', value: 'reminded' }),
        },
      )
      .chain('cart', 'mark-waiting')
      .chain('checkout', 'mark-waiting')
      .chain('mark-waiting', 'wait-order')
      .link('wait-order', 'event', 'bought-anyway')
      .link('wait-order', 'timeout', 'mark-reminded')
      .chain('mark-reminded', 'remind-1', 'wait-2', 'cart-value')
      .link('cart-value', 'big-cart', 'remind-discount')
      .link('cart-value', 'else', 'remind-push')
      .chain('remind-discount', 'wait-last', 'last-call', 'done-discount')
      .chain('remind-push', 'done-push')
      .journey({
        id: ID,
        name: 'Abandoned cart',
        stage: 'acquisition',
        description: 'Wait for the order, remind, discount for bigger carts.',
        // A new cart a day later is a new chance; one recovery run at a time.
        settings: settings({ attributes: ['cartRecovery'], entry: { mode: 'reentry', reentryAfterDays: 1, maxConcurrent: 1 } }),
      });
  },
});
