/**
 * The retail engagement funnel of seed 002, one stage after another: awareness growth, purchase
 * stimulation, onboarding, engagement, retention and loyalty nurturing. Retention checks for a
 * support issue and hands those customers to a person before asking anyone for a referral.
 */
import { Flow } from '../build/flow.js';
import { any, delay, email, exit, goal, GREETING, push, split, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'six-stage-funnel';

const days = (amount: number) => ({ amount, unit: 'days' as const });

const parameters = [
  param.duration('offerAfter', {
    label: 'Purchase offer after',
    description: 'Time between the brand introduction and the purchase offer.',
    default: days(2),
    min: { amount: 1, unit: 'hours' },
    max: days(30),
  }),
  param.string('discountCode', {
    label: 'Offer code',
    description: 'The incentive of the purchase-stimulation stage.',
    default: 'TRY15',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.duration('purchaseTimeout', {
    label: 'Offer runs for',
    description: 'How long to wait for the first order before the last call.',
    default: days(7),
    min: days(1),
    max: days(60),
  }),
  param.duration('engageAfter', {
    label: 'Engagement after',
    description: 'Time between onboarding and the personal engagement message.',
    default: days(14),
    min: days(1),
    max: days(90),
  }),
  param.duration('retainAfter', {
    label: 'Retention check after',
    description: 'Time between engagement and the retention check-in.',
    default: days(30),
    min: days(1),
    max: days(180),
  }),
  param.string('supportTeam', {
    label: 'Support team',
    description: 'The team that resolves open issues at the retention stage.',
    default: 'support',
    pattern: '[A-Za-z0-9 _-]{2,60}',
    patternMessage: 'must be 2-60 letters, digits, spaces, "-" or "_"',
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Six-stage engagement funnel',
  stage: 'full-lifecycle',
  description:
    'Awareness growth, purchase stimulation, onboarding, engagement, retention and loyalty nurturing, in order; customers with a support issue get a person before the referral ask.',
  goal: { event: 'Referral Sent', description: 'The customer promotes us to their circle.' },
  expects: {
    events: [
      { name: 'Signed Up', properties: [], description: 'An account was created.' },
      { name: 'Order Completed', properties: ['orderId'], description: 'An order was paid.' },
      { name: 'Support Ticket Opened', properties: [], description: 'The customer asked support for help.' },
      { name: 'Referral Sent', properties: [], description: 'The customer referred a friend.' },
    ],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'favoriteCategory', description: 'The category the customer buys most (personal recommendations).' },
      { name: 'loyaltyPoints', description: 'The customer’s loyalty points balance.' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['funnel', 'awareness growth', 'purchase stimulation', 'onboarding', 'engagement', 'retention', 'loyalty nurturing', 'phễu'],
  i18n: { vi: { title: 'Phễu tương tác 6 giai đoạn', description: 'Tăng nhận biết, kích thích mua, onboarding, gắn kết, giữ chân và nuôi dưỡng lòng trung thành.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const code = literal(p.discountCode);
    return new Flow()
      .add(
        { id: 'signed-up', type: 'trigger.event', event: 'Signed Up', label: 'Signed up' },
        email('s1-brand', {
          topic: 'product_news',
          label: '1 Awareness growth',
          subject: 'Nice to meet you',
          body: `Hi ${hi},\n\nWelcome! Here is who we are, what we make, and the three favourites our customers start with.`,
          vi: { subject: 'Rất vui được làm quen', body: `Chào ${chao},\n\nChào mừng bạn! Đây là câu chuyện của chúng tôi, những gì chúng tôi làm và ba sản phẩm khách hàng thường chọn đầu tiên.` },
        }),
        delay('wait-offer', p.offerAfter),
        email('s2-offer', {
          topic: 'promotions',
          label: '2 Purchase stimulation',
          subject: `Hi ${hi}, 15% off your first order`,
          body: `Hi ${hi},\n\nReady to try us? Use code ${code} for 15% off your first order, with free returns.`,
          vi: { subject: `${chao} ơi, giảm 15% cho đơn đầu tiên`, body: `Chào ${chao},\n\nSẵn sàng trải nghiệm? Nhập mã ${code} để được giảm 15% cho đơn đầu tiên, đổi trả miễn phí.` },
        }),
        waitFor('wait-order', 'Order Completed', p.purchaseTimeout, 'First order?'),
        push('s2-last-call', {
          topic: 'promotions',
          label: '2 Last call',
          subject: 'Last day for 15% off',
          body: `Hi ${hi}, code ${code} ends tonight.`,
          vi: { subject: 'Ngày cuối giảm 15%', body: `${chao} ơi, mã ${code} hết hạn tối nay.` },
        }),
        exit('no-order', 'not-converted', 'No order'),
        email('s3-onboard', {
          topic: 'onboarding',
          label: '3 Onboarding',
          subject: 'Welcome! Everything you need for a great start',
          body: `Hi ${hi},\n\nThank you for order {{ event.properties.orderId }}. Here is your getting-started guide, our help centre, and how to track your delivery.`,
          vi: {
            subject: 'Chào mừng! Mọi thứ bạn cần để bắt đầu',
            body: `Chào ${chao},\n\nCảm ơn bạn đã đặt đơn {{ event.properties.orderId }}. Đây là hướng dẫn bắt đầu, trung tâm hỗ trợ và cách theo dõi đơn hàng.`,
          },
        }),
        delay('wait-engage', p.engageAfter),
        email('s4-engage', {
          topic: 'product_news',
          label: '4 Engagement',
          subject: `Picked for you, ${hi}`,
          body: `Hi ${hi},\n\nNew in {{ customer.favoriteCategory | default: "our shop" }} this month, chosen for you. You have {{ customer.loyaltyPoints | default: 0 }} points to spend on them.`,
          vi: {
            subject: `Dành riêng cho ${chao}`,
            body: `Chào ${chao},\n\nHàng mới tháng này trong {{ customer.favoriteCategory | default: "cửa hàng" }}, chọn riêng cho bạn. Bạn đang có {{ customer.loyaltyPoints | default: 0 }} điểm để sử dụng.`,
          },
        }),
        delay('wait-retain', p.retainAfter),
        split('s5-issue', [
          {
            id: 'had-issue',
            label: 'Had a support issue',
            rules: any({ kind: 'event', where: [], event: 'Support Ticket Opened', count: { operator: 'gte', value: 1 }, within: { amount: 60, unit: 'days' } }),
          },
        ], '5 Retention: any issue?'),
        {
          id: 's5-resolve',
          type: 'action.assignRep',
          label: '5 Make sure it is resolved',
          team: literal(p.supportTeam),
          priority: 'high',
          dueIn: { amount: 1, unit: 'days' },
          taskTitle: 'Check that {{ customer.firstName }}’s support issue is fully resolved',
          taskNotes: 'Call, confirm the fix, and note anything we should improve.',
        },
        email('s5-checkin', {
          topic: 'customer_care',
          label: '5 Retention check-in',
          subject: 'How is everything going?',
          body: `Hi ${hi}, it has been a while since your order: is everything working well? Reply to this email and a real person will answer.`,
          vi: { subject: 'Mọi thứ vẫn ổn chứ?', body: `Chào ${chao}, đã một thời gian kể từ đơn hàng của bạn: mọi thứ vẫn ổn chứ? Trả lời email này, một nhân viên thật sẽ phản hồi.` },
        }),
        email('s6-referral', {
          topic: 'loyalty',
          label: '6 Loyalty nurturing',
          subject: 'Share the love',
          body: `Hi ${hi},\n\nThank you for being with us. Know someone who would love us too? Share your link: they get 15% off and you get 200 points.`,
          vi: {
            subject: 'Lan tỏa yêu thương',
            body: `Chào ${chao},\n\nCảm ơn bạn đã đồng hành. Bạn có người quen cũng sẽ thích chúng tôi? Chia sẻ đường dẫn: họ được giảm 15% và bạn nhận 200 điểm.`,
          },
        }),
        exit('done', 'completed', 'Funnel complete'),
        goal('referred', 'Referral Sent', 'Referred a friend'),
      )
      .chain('signed-up', 's1-brand', 'wait-offer', 's2-offer', 'wait-order')
      .link('wait-order', 'event', 's3-onboard')
      .link('wait-order', 'timeout', 's2-last-call')
      .chain('s2-last-call', 'no-order')
      .chain('s3-onboard', 'wait-engage', 's4-engage', 'wait-retain', 's5-issue')
      .link('s5-issue', 'had-issue', 's5-resolve')
      .link('s5-issue', 'else', 's5-checkin')
      .chain('s5-resolve', 's6-referral')
      .chain('s5-checkin', 's6-referral')
      .chain('s6-referral', 'done')
      .journey({
        id: ID,
        name: 'Six-stage engagement funnel',
        stage: 'full-lifecycle',
        description: 'Awareness growth, purchase stimulation, onboarding, engagement, retention, loyalty nurturing.',
        settings: settings({ attributes: ['favoriteCategory', 'loyaltyPoints'] }),
      });
  },
});
