/**
 * Consideration: the customer is comparing (seed 000). Show the product's benefits, tell the
 * brand's story, then split on engagement: engaged customers are offered a free sample, the rest
 * (and engaged ones who did not take the sample) get a special promotion.
 */
import { Flow } from '../build/flow.js';
import { any, delay, email, exit, goal, GREETING, split, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'consideration-nurture';

const parameters = [
  param.duration('benefitsAfter', {
    label: 'Benefits email after',
    description: 'Time between the product view and the benefits email.',
    default: { amount: 1, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 14, unit: 'days' },
  }),
  param.duration('storyAfter', {
    label: 'Brand story after',
    description: 'Time between the benefits email and the brand story.',
    default: { amount: 2, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 14, unit: 'days' },
  }),
  param.number('engagedViews', {
    label: 'Views that show interest',
    description: 'Product views in the last 7 days that count as engaged (an email click also does).',
    default: 3,
    min: 1,
    max: 50,
    integer: true,
  }),
  param.duration('sampleWait', {
    label: 'Wait for sample request',
    description: 'How long engaged customers have to request the sample before they get the promotion.',
    default: { amount: 5, unit: 'days' },
    min: { amount: 1, unit: 'days' },
    max: { amount: 30, unit: 'days' },
  }),
  param.string('discountCode', {
    label: 'Discount code',
    description: 'The code the special promotion gives.',
    default: 'TRY10',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Consideration: benefits, story, sample or promotion',
  stage: 'consideration',
  description:
    'After a product view: a benefits email, the brand story, then a free sample for engaged customers and a special promotion for the others.',
  goal: { event: 'Order Completed', description: 'The customer buys.' },
  expects: {
    events: [
      { name: 'Product Viewed', properties: ['productName', 'productUrl'], description: 'A product page was viewed.' },
      { name: 'Email Clicked', properties: [], description: 'A link in one of our emails was clicked.' },
      { name: 'Sample Requested', properties: [], description: 'The customer asked for the free sample.' },
      { name: 'Order Completed', properties: [], description: 'An order was paid.' },
    ],
    attributes: [{ name: 'firstName', description: 'Used to greet the customer.' }],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['sample', 'promotion', 'brand story', 'benefits', 'dùng thử', 'khuyến mại', 'câu chuyện thương hiệu'],
  i18n: { vi: { title: 'Cân nhắc: lợi ích, câu chuyện, hàng mẫu hoặc khuyến mại', description: 'Sau khi xem sản phẩm: lợi ích, câu chuyện thương hiệu, tặng hàng mẫu hoặc khuyến mại đặc biệt.' } },
  build: (p) => {
    const code = literal(p.discountCode);
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const product = '{{ event.properties.productName | default: "it" }}';
    const sp = '{{ event.properties.productName | default: "sản phẩm" }}';
    return new Flow()
      .add(
        { id: 'viewed', type: 'trigger.event', event: 'Product Viewed', label: 'Viewed a product' },
        delay('wait-benefits', p.benefitsAfter),
        email('benefits', {
          topic: 'product_news',
          label: 'Product benefits',
          subject: `Why people love ${product}`,
          body: `Hi ${hi},\n\nStill thinking about ${product}? Here are the three things our customers mention most: it lasts, it is made with care, and it comes with a 30-day promise.\n\nTake another look: {{ event.properties.productUrl }}`,
          vi: {
            subject: `Vì sao mọi người yêu thích ${sp}`,
            body: `Chào ${chao},\n\nBạn vẫn đang cân nhắc ${sp}? Đây là ba điều khách hàng nhắc đến nhiều nhất: bền, được làm tỉ mỉ và có cam kết đổi trả 30 ngày.\n\nXem lại sản phẩm: {{ event.properties.productUrl }}`,
          },
        }),
        delay('wait-story', p.storyAfter),
        email('story', {
          topic: 'product_news',
          label: 'Brand story',
          subject: 'How we started, and why',
          body: `Hi ${hi},\n\nWe started in a small workshop with one idea: make things that are worth keeping. Here is the story of the people behind ${product}.`,
          vi: {
            subject: 'Chúng tôi bắt đầu thế nào, và vì sao',
            body: `Chào ${chao},\n\nChúng tôi bắt đầu từ một xưởng nhỏ với một ý tưởng: làm ra những thứ đáng để giữ. Đây là câu chuyện của những người đứng sau ${sp}.`,
          },
        }),
        split('engaged', [
          {
            id: 'engaged',
            label: 'Engaged',
            rules: any(
              { kind: 'event', where: [], event: 'Email Clicked', count: { operator: 'gte', value: 1 }, within: { amount: 7, unit: 'days' } },
              { kind: 'event', where: [], event: 'Product Viewed', count: { operator: 'gte', value: p.engagedViews }, within: { amount: 7, unit: 'days' } },
            ),
          },
        ], 'Engaged?'),
        email('sample', {
          topic: 'promotions',
          label: 'Free sample offer',
          subject: `Hi ${hi}, try it before you decide`,
          body: `Hi ${hi},\n\nThe best way to compare is to try. Request a free sample of ${product} and we will send it to you this week.`,
          vi: {
            subject: `${chao} ơi, dùng thử trước khi quyết định`,
            body: `Chào ${chao},\n\nCách tốt nhất để so sánh là dùng thử. Đăng ký nhận mẫu thử miễn phí ${sp}, chúng tôi sẽ gửi ngay trong tuần.`,
          },
        }),
        waitFor('wait-sample', 'Sample Requested', p.sampleWait, 'Sample requested?'),
        email('sample-sent', {
          topic: 'transactional',
          transactional: true,
          label: 'Sample on its way',
          subject: 'Your free sample is on its way',
          body: `Hi ${hi},\n\nYour sample ships today. When you have tried it, we would love to hear what you think.`,
          vi: {
            subject: 'Mẫu thử miễn phí đang trên đường đến',
            body: `Chào ${chao},\n\nMẫu thử của bạn được gửi đi hôm nay. Sau khi dùng thử, hãy cho chúng tôi biết cảm nhận nhé.`,
          },
        }),
        email('promo', {
          topic: 'promotions',
          label: 'Special promotion',
          subject: `A special offer on ${product}`,
          body: `Hi ${hi},\n\nTo help you decide, here is 10% off: use code ${code} at checkout this week.`,
          vi: {
            subject: `Ưu đãi đặc biệt cho ${sp}`,
            body: `Chào ${chao},\n\nĐể bạn dễ quyết định hơn, tặng bạn ưu đãi 10%: nhập mã ${code} khi thanh toán trong tuần này.`,
          },
        }),
        exit('done-sample', 'completed', 'Sample sent'),
        exit('done-promo', 'completed', 'Promotion sent'),
        goal('bought', 'Order Completed', 'Bought'),
      )
      .chain('viewed', 'wait-benefits', 'benefits', 'wait-story', 'story', 'engaged')
      .link('engaged', 'engaged', 'sample')
      .link('engaged', 'else', 'promo')
      .chain('sample', 'wait-sample')
      .link('wait-sample', 'event', 'sample-sent')
      .link('wait-sample', 'timeout', 'promo')
      .chain('sample-sent', 'done-sample')
      .chain('promo', 'done-promo')
      .journey({
        id: ID,
        name: 'Consideration nurture',
        stage: 'consideration',
        description: 'Benefits, brand story, then a sample or a promotion depending on engagement.',
        settings: settings({ attributes: [] }),
      });
  },
});
