/**
 * Acquisition: a visitor signs up on a landing page (seed 000: landing pages and CTAs, retargeting
 * ads, step-by-step guidance). Welcome them, add them to the retargeting audience (a tag, and a
 * webhook to the ads platform), then guide them through setup with a nudge if they stall.
 */
import { Flow } from '../build/flow.js';
import { all, delay, email, exit, goal, GREETING, message, tag, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'landing-signup-onboarding';

const parameters = [
  param.string('audienceWebhookUrl', {
    label: 'Ads audience webhook',
    description: 'Called with the new sign-up so your ads platform can retarget them.',
    default: 'https://ads.example.com/audiences/landing-signups',
    pattern: 'https://[^\\s{}]+',
    patternMessage: 'must be an https:// link',
  }),
  param.duration('guideAfter', {
    label: 'First guide after',
    description: 'Time between the welcome and the first setup guide.',
    default: { amount: 1, unit: 'days' },
    min: { amount: 0, unit: 'hours' },
    max: { amount: 7, unit: 'days' },
  }),
  param.duration('setupTimeout', {
    label: 'Nudge if not set up within',
    description: 'How long to wait for the profile to be completed before a nudge.',
    default: { amount: 3, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 30, unit: 'days' },
  }),
  param.channel('nudgeChannel', {
    label: 'Nudge channel',
    description: 'How the setup nudge is sent.',
    default: 'push',
    options: ['push', 'sms', 'email'],
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Landing page sign-up: welcome, retarget, guide',
  stage: 'acquisition',
  description:
    'A landing-page sign-up gets a welcome, joins the retargeting audience (tag + ads webhook) and is guided through setup, with a nudge if they stall.',
  goal: { event: 'Order Completed', description: 'The new sign-up places a first order.' },
  expects: {
    events: [
      { name: 'Signed Up', properties: ['landingPage'], description: 'An account was created; landingPage names the page it came from.' },
      { name: 'Profile Completed', properties: [], description: 'The customer finished setting up their profile.' },
      { name: 'Order Completed', properties: [], description: 'An order was paid.' },
    ],
    attributes: [{ name: 'firstName', description: 'Used to greet the customer.' }],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['landing page', 'sign up', 'cta', 'retargeting', 'ads', 'onboarding', 'đăng ký', 'quảng cáo tái tiếp cận', 'hướng dẫn'],
  i18n: { vi: { title: 'Đăng ký từ landing page: chào mừng, tái tiếp cận, hướng dẫn', description: 'Chào mừng người đăng ký, thêm vào tệp quảng cáo tái tiếp cận và hướng dẫn từng bước.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    return new Flow()
      .add(
        {
          id: 'signed-up',
          type: 'trigger.event',
          event: 'Signed Up',
          label: 'Signed up on a landing page',
          filter: all({ kind: 'property', property: 'landingPage', operator: 'exists' }),
        },
        email('welcome', {
          topic: 'onboarding',
          label: 'Welcome',
          subject: `Welcome aboard, ${hi}!`,
          body: `Hi ${hi},\n\nThanks for signing up on our {{ event.properties.landingPage }} page. Over the next few days we will show you, step by step, how to get the most out of your account.`,
          vi: {
            subject: `Chào mừng ${chao}!`,
            body: `Chào ${chao},\n\nCảm ơn bạn đã đăng ký qua trang {{ event.properties.landingPage }}. Vài ngày tới, chúng tôi sẽ hướng dẫn bạn từng bước để tận dụng tối đa tài khoản.`,
          },
        }),
        tag('retarget-tag', 'retarget-landing-signup', 'Retargeting audience'),
        {
          id: 'ads-audience',
          type: 'action.webhook',
          label: 'Add to ads audience',
          url: literal(p.audienceWebhookUrl),
          method: 'POST',
          // `json` quotes and escapes, so a page name with quotes cannot break the payload.
          body: '{"customerId": {{ customer.id | json }}, "audience": "landing-signups", "landingPage": {{ event.properties.landingPage | json }}}',
        },
        tag('ads-failed', 'ads-sync-failed', 'Flag failed audience sync'),
        delay('wait-guide', p.guideAfter),
        email('guide-1', {
          topic: 'onboarding',
          label: 'Guide 1: set up your profile',
          subject: 'Step 1: set up your profile in 2 minutes',
          body: `Hi ${hi},\n\nA complete profile gets you recommendations that fit. Add your preferences and delivery address, it takes two minutes.`,
          vi: {
            subject: 'Bước 1: hoàn thiện hồ sơ trong 2 phút',
            body: `Chào ${chao},\n\nHồ sơ đầy đủ giúp bạn nhận gợi ý phù hợp hơn. Thêm sở thích và địa chỉ giao hàng, chỉ mất hai phút.`,
          },
        }),
        waitFor('wait-setup', 'Profile Completed', p.setupTimeout, 'Profile completed?'),
        message('nudge', p.nudgeChannel, {
          topic: 'onboarding',
          label: 'Setup nudge',
          subject: 'Almost there!',
          body: `Hi ${hi}, your account is nearly ready: finish your profile in two minutes to unlock recommendations.`,
          vi: {
            subject: 'Sắp xong rồi!',
            body: `${chao} ơi, tài khoản của bạn gần như đã sẵn sàng: hoàn thiện hồ sơ trong hai phút để nhận gợi ý riêng.`,
          },
        }),
        email('guide-2', {
          topic: 'onboarding',
          label: 'Guide 2: your first order',
          subject: 'Step 2: your first order, made easy',
          body: `Hi ${hi},\n\nHere is how to place your first order: pick a product, choose delivery or in-store pick-up, and pay the way you like. Questions? Just reply to this email.`,
          vi: {
            subject: 'Bước 2: đặt đơn đầu tiên thật dễ',
            body: `Chào ${chao},\n\nCách đặt đơn đầu tiên: chọn sản phẩm, chọn giao hàng hoặc nhận tại cửa hàng, rồi thanh toán theo cách bạn muốn. Có thắc mắc? Chỉ cần trả lời email này.`,
          },
        }),
        exit('guided', 'completed', 'Guided'),
        goal('first-order', 'Order Completed', 'First order'),
      )
      .chain('signed-up', 'welcome', 'retarget-tag', 'ads-audience')
      .link('ads-audience', 'success', 'wait-guide')
      .link('ads-audience', 'failure', 'ads-failed')
      .chain('ads-failed', 'wait-guide')
      .chain('wait-guide', 'guide-1', 'wait-setup')
      .link('wait-setup', 'event', 'guide-2')
      .link('wait-setup', 'timeout', 'nudge')
      .chain('nudge', 'guide-2')
      .chain('guide-2', 'guided')
      .journey({
        id: ID,
        name: 'Landing page sign-up',
        stage: 'acquisition',
        description: 'Welcome, retargeting audience, step-by-step guidance.',
        settings: settings({ attributes: [] }),
      });
  },
});
