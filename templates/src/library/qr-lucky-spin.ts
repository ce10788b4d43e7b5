/**
 * Awareness: a QR code on the pack or at the stand opens a lucky spin (gamification, seed 000).
 * Every spin wins: a voucher, a free ebook or a free mini-course, delivered on the channel the
 * marketer picks; a reminder follows if the prize is not claimed, an invitation to join if it is.
 */
import { Flow } from '../build/flow.js';
import { delay, exit, goal, GREETING, message, waitFor } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'qr-lucky-spin';

const parameters = [
  param.channel('prizeChannel', {
    label: 'Prize channel',
    description: 'Where the prize is sent. Chat (Zalo) suits scans made on a phone.',
    default: 'chat',
    options: ['chat', 'email', 'sms'],
  }),
  param.number('voucherChance', {
    label: 'Voucher chance (%)',
    description: 'Share of spins that win the voucher; the rest win the ebook or the course, half each.',
    default: 20,
    min: 0,
    max: 90,
  }),
  param.string('voucherCode', {
    label: 'Voucher code',
    description: 'The discount code the voucher prize gives.',
    default: 'LUCKY10',
    pattern: '[A-Za-z0-9]{3,20}',
    patternMessage: 'must be 3-20 letters or digits',
  }),
  param.string('contentUrl', {
    label: 'Free content link',
    description: 'Where the ebook and the course are downloaded.',
    default: 'https://example.com/free',
    pattern: 'https://[^\\s{}]+',
    patternMessage: 'must be an https:// link',
  }),
  param.duration('followUpAfter', {
    label: 'Follow up after',
    description: 'How long to wait for the prize to be claimed before a reminder.',
    default: { amount: 2, unit: 'days' },
    min: { amount: 1, unit: 'hours' },
    max: { amount: 30, unit: 'days' },
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'QR scan lucky spin',
  stage: 'awareness',
  description:
    'A QR scan starts a lucky spin that always wins: a voucher, a free ebook or a free course. Unclaimed prizes get a reminder; claimed ones an invitation to become a member.',
  goal: { event: 'Signed Up', description: 'The scanner becomes a known member.' },
  expects: {
    events: [
      { name: 'QR Scanned', properties: ['location'], description: 'A QR code was scanned; location names the shop, event or pack.' },
      { name: 'Prize Claimed', properties: [], description: 'The voucher was used or the free content downloaded.' },
      { name: 'Signed Up', properties: [], description: 'The customer created an account.' },
    ],
    attributes: [{ name: 'firstName', description: 'Used to greet the customer.' }],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['qr', 'gamification', 'lucky spin', 'ebook', 'course', 'vòng quay may mắn', 'quét mã'],
  i18n: { vi: { title: 'Quét QR – vòng quay may mắn', description: 'Quét mã QR để quay thưởng: voucher, ebook hoặc khóa học miễn phí.' } },
  build: (p) => {
    const ch = p.prizeChannel;
    const rest = (100 - p.voucherChance) / 2;
    const code = literal(p.voucherCode);
    const url = literal(p.contentUrl);
    const hi = GREETING.en;
    const chao = GREETING.vi;
    return new Flow()
      .add(
        { id: 'scan', type: 'trigger.event', event: 'QR Scanned', label: 'QR code scanned' },
        {
          id: 'spin',
          type: 'condition.random',
          label: 'Lucky spin',
          variants: [
            { id: 'voucher', label: `Voucher ${p.voucherChance}%`, percent: p.voucherChance },
            { id: 'ebook', label: `Ebook ${rest}%`, percent: rest },
            { id: 'course', label: `Course ${rest}%`, percent: rest },
          ],
        },
        message('win-voucher', ch, {
          topic: 'promotions',
          label: 'You won a voucher',
          subject: `Hi ${hi}, you won a voucher!`,
          body: `Congratulations ${hi}! Thanks for scanning at {{ event.properties.location | default: "our stand" }}. Your lucky spin won a voucher: use code ${code} on your next purchase.`,
          vi: {
            subject: `${chao} ơi, bạn đã trúng voucher!`,
            body: `Chúc mừng ${chao}! Cảm ơn bạn đã quét mã tại {{ event.properties.location | default: "gian hàng của chúng tôi" }}. Vòng quay may mắn tặng bạn voucher: nhập mã ${code} cho lần mua tiếp theo.`,
          },
        }),
        message('win-ebook', ch, {
          topic: 'product_news',
          label: 'You won the ebook',
          subject: `Your free ebook is ready, ${hi}`,
          body: `Congratulations ${hi}! Your lucky spin won our ebook of tips and recipes. Download it free: ${url}/ebook`,
          vi: {
            subject: `Ebook miễn phí của ${chao} đã sẵn sàng`,
            body: `Chúc mừng ${chao}! Vòng quay may mắn tặng bạn ebook mẹo hay và công thức. Tải miễn phí tại: ${url}/ebook`,
          },
        }),
        message('win-course', ch, {
          topic: 'product_news',
          label: 'You won the course',
          subject: `Your free mini-course starts now, ${hi}`,
          body: `Congratulations ${hi}! Your lucky spin won a free 5-lesson mini-course. Start the first lesson: ${url}/course`,
          vi: {
            subject: `Khóa học miễn phí của ${chao} bắt đầu ngay`,
            body: `Chúc mừng ${chao}! Vòng quay may mắn tặng bạn khóa học 5 bài miễn phí. Bắt đầu bài đầu tiên: ${url}/course`,
          },
        }),
        waitFor('claimed', 'Prize Claimed', p.followUpAfter, 'Prize claimed?'),
        delay('settle', { amount: 1, unit: 'days' }, 'Give it a day'),
        message('invite-join', ch, {
          topic: 'promotions',
          label: 'Invite to join',
          subject: `Enjoying your prize, ${hi}?`,
          body: `We hope you enjoyed your prize, ${hi}. Join our members' club for more spins, early offers and free content every month.`,
          vi: {
            subject: `${chao} có thích phần quà không?`,
            body: `Hy vọng ${chao} thích phần quà. Tham gia câu lạc bộ thành viên để có thêm lượt quay, ưu đãi sớm và nội dung miễn phí mỗi tháng.`,
          },
        }),
        message('remind-prize', ch, {
          topic: 'promotions',
          label: 'Prize reminder',
          subject: `Hi ${hi}, your prize is still waiting`,
          body: `Hi ${hi}, you won a prize in our lucky spin and it is still waiting for you. Claim it before it expires!`,
          vi: {
            subject: `${chao} ơi, phần quà vẫn đang chờ bạn`,
            body: `Chào ${chao}, bạn đã trúng thưởng ở vòng quay may mắn và phần quà vẫn đang chờ. Hãy nhận trước khi hết hạn nhé!`,
          },
        }),
        exit('joined-invited', 'completed', 'Invited'),
        exit('reminded', 'completed', 'Reminded'),
        goal('member', 'Signed Up', 'Became a member'),
      )
      .chain('scan', 'spin')
      .link('spin', 'voucher', 'win-voucher')
      .link('spin', 'ebook', 'win-ebook')
      .link('spin', 'course', 'win-course')
      .link('win-voucher', 'next', 'claimed')
      .link('win-ebook', 'next', 'claimed')
      .link('win-course', 'next', 'claimed')
      .link('claimed', 'event', 'settle')
      .chain('settle', 'invite-join', 'joined-invited')
      .link('claimed', 'timeout', 'remind-prize')
      .chain('remind-prize', 'reminded')
      .journey({
        id: ID,
        name: 'QR scan lucky spin',
        stage: 'awareness',
        description: 'Gamified QR entry: spin, prize, follow-up.',
        settings: settings({ attributes: [] }),
      });
  },
});
