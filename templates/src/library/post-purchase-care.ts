/**
 * Experience: care after the purchase (seed 000: direct messages, periodic personal messages,
 * feedback surveys). A personal thank-you, care tips, then a survey: happy customers are asked
 * for a review, unhappy ones are handed to a person, silent ones get one reminder.
 */
import { Flow } from '../build/flow.js';
import { all, chat, delay, email, exit, goal, GREETING, push, split, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'post-purchase-care';

const parameters = [
  param.duration('tipsAfter', {
    label: 'Care tips after',
    description: 'Time between the order and the care tips.',
    default: { amount: 3, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 30, unit: 'days' },
  }),
  param.duration('surveyTimeout', {
    label: 'Survey reminder after',
    description: 'How long to wait for the survey before one reminder.',
    default: { amount: 4, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 30, unit: 'days' },
  }),
  param.number('happyRating', {
    label: 'Happy from rating',
    description: 'Survey ratings (1-5) at or above this are asked for a review; below it a person calls.',
    default: 4,
    min: 1,
    max: 5,
    integer: true,
  }),
  param.string('careTeam', {
    label: 'Care team',
    description: 'The team that follows up on unhappy customers.',
    default: 'customer-care',
    pattern: '[A-Za-z0-9 _-]{2,60}',
    patternMessage: 'must be 2-60 letters, digits, spaces, "-" or "_"',
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Post-purchase care and feedback',
  stage: 'experience',
  description:
    'A personal thank-you after the order, care tips, then a feedback survey: reviews from happy customers, a person for unhappy ones, a reminder for silent ones.',
  goal: { event: 'Review Posted', description: 'The customer posts a review.' },
  expects: {
    events: [
      { name: 'Order Completed', properties: ['orderId', 'productName'], description: 'An order was paid.' },
      { name: 'Survey Submitted', properties: ['rating', 'comment'], description: 'The feedback survey was answered; rating is 1-5.' },
      { name: 'Review Posted', properties: [], description: 'A public review was posted.' },
    ],
    attributes: [{ name: 'firstName', description: 'Used to greet the customer.' }],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['post-purchase', 'thank you', 'survey', 'feedback', 'review', 'chăm sóc sau mua', 'khảo sát', 'cảm ơn'],
  i18n: { vi: { title: 'Chăm sóc sau mua và khảo sát', description: 'Lời cảm ơn riêng, mẹo sử dụng, khảo sát ý kiến; khách chưa hài lòng được nhân viên liên hệ.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const product = '{{ event.properties.productName | default: "your order" }}';
    const sp = '{{ event.properties.productName | default: "đơn hàng" }}';
    return new Flow()
      .add(
        { id: 'ordered', type: 'trigger.event', event: 'Order Completed', label: 'Order completed' },
        chat('thank-you', {
          topic: 'customer_care',
          label: 'Personal thank-you',
          body: `Hi ${hi}, thank you for your order {{ event.properties.orderId }}! We packed ${product} with care. If anything is not right, just reply here.`,
          vi: {
            body: `Chào ${chao}, cảm ơn bạn đã đặt đơn {{ event.properties.orderId }}! Chúng tôi đã đóng gói ${sp} thật cẩn thận. Nếu có gì chưa ổn, bạn cứ nhắn lại tại đây nhé.`,
          },
        }),
        delay('wait-tips', p.tipsAfter),
        email('tips', {
          topic: 'onboarding',
          label: 'Care tips',
          subject: `Getting the most from ${product}`,
          body: `Hi ${hi},\n\nA few tips to keep ${product} like new: store it dry, clean it gently, and see our care guide for more.`,
          vi: {
            subject: `Dùng ${sp} hiệu quả nhất`,
            body: `Chào ${chao},\n\nMột vài mẹo để ${sp} luôn như mới: bảo quản nơi khô ráo, vệ sinh nhẹ nhàng và xem thêm hướng dẫn bảo quản của chúng tôi.`,
          },
        }),
        email('survey', {
          topic: 'feedback',
          label: 'Feedback survey',
          subject: 'How are we doing? (1 minute)',
          body: `Hi ${hi},\n\nHow do you like ${product}? Rate it from 1 to 5 in our one-minute survey; every answer is read by our team.`,
          vi: {
            subject: 'Bạn thấy thế nào? (1 phút)',
            body: `Chào ${chao},\n\nBạn thấy ${sp} thế nào? Chấm điểm từ 1 đến 5 trong khảo sát một phút; mọi câu trả lời đều được đội ngũ của chúng tôi đọc.`,
          },
        }),
        waitFor('wait-survey', 'Survey Submitted', p.surveyTimeout, 'Survey answered?'),
        split('rating', [
          { id: 'happy', label: `Rated ${p.happyRating}+`, rules: all({ kind: 'property', property: 'rating', operator: 'gte', value: p.happyRating }) },
        ], 'Happy?'),
        email('ask-review', {
          topic: 'feedback',
          label: 'Ask for a review',
          subject: 'Thank you! Would you share it?',
          body: `Thank you for the {{ event.properties.rating }} stars, ${hi}! Would you post a short review? It helps other customers choose.`,
          vi: {
            subject: 'Cảm ơn bạn! Bạn có muốn chia sẻ không?',
            body: `Cảm ơn ${chao} đã chấm {{ event.properties.rating }} sao! Bạn có thể viết một đánh giá ngắn không? Điều đó giúp những khách hàng khác lựa chọn.`,
          },
        }),
        {
          id: 'care-call',
          type: 'action.assignRep',
          label: 'Call the unhappy customer',
          team: literal(p.careTeam),
          priority: 'high',
          dueIn: { amount: 1, unit: 'days' },
          taskTitle: 'Call {{ customer.firstName }}: rated us {{ event.properties.rating }}/5',
          taskNotes: 'Their comment: {{ event.properties.comment | default: "(none)" }}',
        },
        email('sorry', {
          topic: 'customer_care',
          label: 'We are on it',
          subject: 'We are sorry, and we are on it',
          body: `Hi ${hi},\n\nThank you for telling us. Someone from our team will call you within a day to make it right.`,
          vi: {
            subject: 'Chúng tôi rất tiếc và sẽ xử lý ngay',
            body: `Chào ${chao},\n\nCảm ơn bạn đã cho chúng tôi biết. Một nhân viên sẽ gọi cho bạn trong vòng một ngày để khắc phục.`,
          },
        }),
        push('survey-reminder', {
          topic: 'feedback',
          label: 'Survey reminder',
          subject: 'One minute for us?',
          body: `Hi ${hi}, how is ${product}? Tell us in one minute.`,
          vi: { subject: 'Dành cho chúng tôi một phút?', body: `${chao} ơi, ${sp} thế nào rồi? Cho chúng tôi biết trong một phút nhé.` },
        }),
        exit('done-happy', 'completed', 'Review asked'),
        exit('done-care', 'completed', 'Handed to care'),
        exit('done-silent', 'completed', 'Reminded'),
        goal('reviewed', 'Review Posted', 'Review posted'),
      )
      .chain('ordered', 'thank-you', 'wait-tips', 'tips', 'survey', 'wait-survey')
      .link('wait-survey', 'event', 'rating')
      .link('wait-survey', 'timeout', 'survey-reminder')
      .link('rating', 'happy', 'ask-review')
      .link('rating', 'else', 'care-call')
      .chain('ask-review', 'done-happy')
      .chain('care-call', 'sorry', 'done-care')
      .chain('survey-reminder', 'done-silent')
      .journey({
        id: ID,
        name: 'Post-purchase care',
        stage: 'experience',
        description: 'Thank-you, care tips, feedback survey with follow-up.',
        settings: settings({ attributes: [] }),
      });
  },
});
