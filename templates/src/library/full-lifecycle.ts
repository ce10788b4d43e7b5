/**
 * One customer across the five stages of seed 000, as one journey: awareness (free guide),
 * consideration (benefits and an offer once they look at a product), acquisition (first order),
 * experience (thank-you and feedback), loyalty (a gift on the repeat order). Between stages the
 * journey waits for the event that shows the customer moved on; each wait has a way out.
 */
import { Flow } from '../build/flow.js';
import { delay, email, exit, goal, GREETING, sms, tag, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'full-lifecycle';

const days = (amount: number) => ({ amount, unit: 'days' as const });

const parameters = [
  param.duration('considerTimeout', {
    label: 'Wait for interest',
    description: 'How long to wait for a product view after the free guide.',
    default: days(14),
    min: days(1),
    max: days(90),
  }),
  param.duration('purchaseTimeout', {
    label: 'Wait for the first order',
    description: 'How long the first-order offer runs.',
    default: days(7),
    min: days(1),
    max: days(60),
  }),
  param.string('discountCode', {
    label: 'First-order code',
    description: 'The code offered at the consideration stage.',
    default: 'FIRST10',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.duration('feedbackAfter', {
    label: 'Feedback after',
    description: 'Time between the first order and the feedback request.',
    default: days(7),
    min: { amount: 1, unit: 'hours' },
    max: days(60),
  }),
  param.duration('repeatTimeout', {
    label: 'Wait for a repeat order',
    description: 'How long to wait for a second order before a win-back message.',
    default: days(60),
    min: days(7),
    max: days(365),
  }),
  param.string('giftCode', {
    label: 'Loyalty gift code',
    description: 'The gift for a repeat customer.',
    default: 'LOYAL15',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Full lifecycle: awareness to loyalty',
  stage: 'full-lifecycle',
  description:
    'Carries one customer through awareness, consideration, acquisition, experience and loyalty, waiting for the event that shows each step before the next.',
  goal: { event: 'Referral Sent', description: 'The customer becomes an ambassador and refers a friend.' },
  expects: {
    events: [
      { name: 'Lead Captured', properties: [], description: 'A new contact: a form, a QR scan or a content download.' },
      { name: 'Product Viewed', properties: ['productName'], description: 'A product page was viewed.' },
      { name: 'Order Completed', properties: ['orderId'], description: 'An order was paid.' },
      { name: 'Referral Sent', properties: [], description: 'The customer referred a friend.' },
    ],
    attributes: [{ name: 'firstName', description: 'Used to greet the customer.' }],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['lifecycle', 'awareness', 'consideration', 'acquisition', 'experience', 'loyalty', 'vòng đời khách hàng', '5 giai đoạn'],
  i18n: { vi: { title: 'Trọn vòng đời: từ nhận biết đến trung thành', description: 'Đưa khách hàng qua 5 giai đoạn: nhận biết, xem xét, thu hút, trải nghiệm, trung thành.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const code = literal(p.discountCode);
    const gift = literal(p.giftCode);
    return new Flow()
      .add(
        { id: 'lead', type: 'trigger.event', event: 'Lead Captured', label: 'Awareness: new lead' },
        email('aw-guide', {
          topic: 'product_news',
          label: 'Awareness: free guide',
          subject: `Hi ${hi}, your free guide`,
          body: `Hi ${hi},\n\nThanks for getting in touch! Here is our free guide to choosing well, with the tips our experts give their friends.`,
          vi: {
            subject: `${chao} ơi, cẩm nang miễn phí của bạn`,
            body: `Chào ${chao},\n\nCảm ơn bạn đã kết nối! Đây là cẩm nang miễn phí giúp bạn chọn đúng, với những mẹo chuyên gia của chúng tôi vẫn chia sẻ với bạn bè.`,
          },
        }),
        waitFor('wait-interest', 'Product Viewed', p.considerTimeout, 'Consideration: looks at a product?'),
        exit('not-interested', 'not-interested', 'Not interested yet'),
        email('co-offer', {
          topic: 'promotions',
          label: 'Consideration: benefits + offer',
          subject: `Why ${'{{ event.properties.productName | default: "it" }}'} is worth it`,
          body: `Hi ${hi},\n\nWe saw you looking at {{ event.properties.productName | default: "our products" }}. Here is what makes it different, and 10% off your first order with code ${code}.`,
          vi: {
            subject: `Vì sao ${'{{ event.properties.productName | default: "sản phẩm" }}'} đáng để chọn`,
            body: `Chào ${chao},\n\nBạn vừa xem {{ event.properties.productName | default: "sản phẩm của chúng tôi" }}. Đây là điều làm nên khác biệt, kèm ưu đãi 10% cho đơn đầu tiên với mã ${code}.`,
          },
        }),
        waitFor('wait-first-order', 'Order Completed', p.purchaseTimeout, 'Acquisition: first order?'),
        sms('ac-last-call', {
          topic: 'promotions',
          label: 'Acquisition: last call',
          body: `Hi ${hi}, your code ${code} expires today. Reply STOP to opt out.`,
          vi: { body: `${chao} ơi, mã ${code} của bạn hết hạn hôm nay. Trả lời TC để từ chối.` },
        }),
        exit('not-converted', 'not-converted', 'Did not buy'),
        email('ex-thanks', {
          topic: 'customer_care',
          label: 'Experience: thank-you',
          subject: 'Thank you for your first order!',
          body: `Hi ${hi},\n\nThank you for order {{ event.properties.orderId }}. Here is how to reach us if you need anything, and how to get the most out of it.`,
          vi: {
            subject: 'Cảm ơn bạn đã đặt đơn đầu tiên!',
            body: `Chào ${chao},\n\nCảm ơn bạn đã đặt đơn {{ event.properties.orderId }}. Đây là cách liên hệ khi bạn cần hỗ trợ, và cách sử dụng hiệu quả nhất.`,
          },
        }),
        delay('wait-feedback', p.feedbackAfter),
        email('ex-feedback', {
          topic: 'feedback',
          label: 'Experience: feedback',
          subject: 'How was it?',
          body: `Hi ${hi}, how was your first order? Tell us in one minute, we read every answer.`,
          vi: { subject: 'Bạn thấy thế nào?', body: `Chào ${chao}, đơn hàng đầu tiên của bạn thế nào? Cho chúng tôi biết trong một phút nhé, chúng tôi đọc mọi câu trả lời.` },
        }),
        waitFor('wait-repeat', 'Order Completed', p.repeatTimeout, 'Loyalty: orders again?'),
        tag('lo-tag', 'repeat-customer', 'Loyalty: tag repeat customer'),
        email('lo-gift', {
          topic: 'loyalty',
          label: 'Loyalty: gift',
          subject: `A gift for coming back, ${hi}`,
          body: `Hi ${hi},\n\nYou came back, and that means a lot. Here is a gift: code ${gift} gives 15% off, and if you love us, share your friend link: they get 10% too.`,
          vi: {
            subject: `Quà cảm ơn ${chao} đã quay lại`,
            body: `Chào ${chao},\n\nBạn đã quay lại, điều đó thật ý nghĩa. Tặng bạn mã ${gift} giảm 15%, và nếu bạn thích chúng tôi, hãy chia sẻ đường dẫn giới thiệu: bạn bè cũng được giảm 10%.`,
          },
        }),
        exit('loyal', 'completed', 'Loyal'),
        email('wb-miss-you', {
          topic: 'promotions',
          label: 'Win-back: we miss you',
          subject: `We miss you, ${hi}`,
          body: `Hi ${hi},\n\nIt has been a while. Here is what is new since your first order, and we would love to see you again.`,
          vi: { subject: `Chúng tôi nhớ ${chao}`, body: `Chào ${chao},\n\nĐã lâu rồi không gặp. Đây là những điều mới kể từ đơn đầu tiên của bạn, rất mong được gặp lại bạn.` },
        }),
        exit('lapsed', 'completed', 'Win-back sent'),
        goal('ambassador', 'Referral Sent', 'Ambassador: referred a friend'),
      )
      .chain('lead', 'aw-guide', 'wait-interest')
      .link('wait-interest', 'timeout', 'not-interested')
      .link('wait-interest', 'event', 'co-offer')
      .chain('co-offer', 'wait-first-order')
      .link('wait-first-order', 'timeout', 'ac-last-call')
      .chain('ac-last-call', 'not-converted')
      .link('wait-first-order', 'event', 'ex-thanks')
      .chain('ex-thanks', 'wait-feedback', 'ex-feedback', 'wait-repeat')
      .link('wait-repeat', 'event', 'lo-tag')
      .chain('lo-tag', 'lo-gift', 'loyal')
      .link('wait-repeat', 'timeout', 'wb-miss-you')
      .chain('wb-miss-you', 'lapsed')
      .journey({
        id: ID,
        name: 'Full customer lifecycle',
        stage: 'full-lifecycle',
        description: 'Awareness, consideration, acquisition, experience and loyalty in one journey.',
        settings: settings({ attributes: [] }),
      });
  },
});
