/**
 * Loyalty: a customer's tier becomes gold or VIP (an attribute trigger). VIPs are welcomed and
 * get a personal advisor (high-touch) with a check-in a week later; gold members are welcomed on
 * the channel of choice and shown their perks (tech-touch).
 */
import { Flow } from '../build/flow.js';
import { all, chat, delay, email, exit, goal, GREETING, message, split } from '../build/nodes.js';
import { literal, settings } from '../build/settings.js';
import { defineTemplate } from '../define.js';
import { param } from '../params.js';

const ID = 'vip-tier-upgrade';

const parameters = [
  param.channel('goldChannel', {
    label: 'Gold welcome channel',
    description: 'How gold members are welcomed.',
    default: 'email',
    options: ['email', 'push', 'chat', 'sms'],
  }),
  param.string('vipTeam', {
    label: 'VIP advisors',
    description: 'The team whose advisors take new VIPs.',
    default: 'vip-care',
    pattern: '[A-Za-z0-9 _-]{2,60}',
    patternMessage: 'must be 2-60 letters, digits, spaces, "-" or "_"',
  }),
  param.duration('checkInAfter', {
    label: 'Check-in after',
    description: 'Time between the welcome and the next message.',
    default: { amount: 7, unit: 'days' },
    min: { amount: 1, unit: 'days' },
    max: { amount: 60, unit: 'days' },
  }),
  param.string('perksUrl', {
    label: 'Perks page',
    description: 'Where members see their perks.',
    default: 'https://example.com/members/perks',
    pattern: 'https://[^\\s{}]+',
    patternMessage: 'must be an https:// link',
  }),
] as const;

export default defineTemplate({
  id: ID,
  title: 'Tier upgrade: gold and VIP welcome',
  stage: 'loyalty',
  description:
    'When a customer’s tier becomes gold or VIP: VIPs get a welcome and a personal advisor, gold members a welcome and their perks.',
  goal: { event: 'Perk Redeemed', description: 'The member uses a tier perk.' },
  expects: {
    events: [{ name: 'Perk Redeemed', properties: [], description: 'A member perk was used.' }],
    attributes: [
      { name: 'firstName', description: 'Used to greet the customer.' },
      { name: 'tier', description: 'Membership tier (e.g. silver, gold, vip); the journey starts when it becomes gold or vip.' },
    ],
  },
  parameters,
  locales: ['en', 'vi'],
  keywords: ['vip', 'tier', 'gold', 'upgrade', 'membership', 'hạng thành viên', 'nâng hạng'],
  i18n: { vi: { title: 'Nâng hạng: chào mừng hạng Vàng và VIP', description: 'Khách lên hạng VIP có chuyên viên riêng; hạng Vàng nhận lời chào và quyền lợi.' } },
  build: (p) => {
    const hi = GREETING.en;
    const chao = GREETING.vi;
    const perks = literal(p.perksUrl);
    return new Flow()
      .add(
        {
          id: 'upgraded',
          type: 'trigger.attribute',
          label: 'Tier becomes gold or VIP',
          attribute: 'tier',
          to: { operator: 'in', value: ['gold', 'vip'] },
        },
        // The attribute-change event carries the new value as `to`.
        split('which-tier', [{ id: 'vip', label: 'VIP', rules: all({ kind: 'property', property: 'to', operator: 'eq', value: 'vip' }) }], 'Which tier?'),
        email('vip-welcome', {
          topic: 'loyalty',
          label: 'VIP welcome',
          subject: `Welcome to VIP, ${hi}`,
          body: `Hi ${hi},\n\nYou are now one of our VIPs. From today you have a personal advisor, early access to new collections and free express delivery. See everything at ${perks}`,
          vi: {
            subject: `Chào mừng ${chao} đến với hạng VIP`,
            body: `Chào ${chao},\n\nBạn đã trở thành khách hàng VIP. Từ hôm nay bạn có chuyên viên tư vấn riêng, được xem trước bộ sưu tập mới và giao hàng nhanh miễn phí. Xem chi tiết tại ${perks}`,
          },
        }),
        {
          id: 'vip-advisor',
          type: 'action.assignRep',
          label: 'Personal advisor',
          team: literal(p.vipTeam),
          priority: 'high',
          dueIn: { amount: 2, unit: 'days' },
          taskTitle: 'Introduce yourself to {{ customer.firstName }}, a new VIP',
          taskNotes: 'Call, introduce yourself as their advisor, and note their preferences.',
        },
        delay('vip-wait', p.checkInAfter),
        chat('vip-checkin', {
          topic: 'loyalty',
          label: 'Advisor check-in',
          body: `Hi ${hi}, it is your advisor here. Is there anything I can find for you this month? Just reply here.`,
          vi: { body: `Chào ${chao}, mình là chuyên viên tư vấn của bạn. Tháng này bạn có cần mình tìm giúp món gì không? Cứ nhắn lại đây nhé.` },
        }),
        message('gold-welcome', p.goldChannel, {
          topic: 'loyalty',
          label: 'Gold welcome',
          subject: `You are Gold now, ${hi}!`,
          body: `Congratulations ${hi}, you have reached Gold! Enjoy double points and free delivery from today. Your perks: ${perks}`,
          vi: {
            subject: `${chao} đã lên hạng Vàng!`,
            body: `Chúc mừng ${chao} đã lên hạng Vàng! Từ hôm nay bạn được nhân đôi điểm và miễn phí giao hàng. Quyền lợi của bạn: ${perks}`,
          },
        }),
        delay('gold-wait', p.checkInAfter),
        email('gold-perks', {
          topic: 'loyalty',
          label: 'Gold perks',
          subject: '3 Gold perks worth trying this week',
          body: `Hi ${hi},\n\nHave you tried your Gold perks yet? Double points, free delivery and member prices are waiting: ${perks}`,
          vi: {
            subject: '3 quyền lợi hạng Vàng nên thử tuần này',
            body: `Chào ${chao},\n\nBạn đã thử quyền lợi hạng Vàng chưa? Nhân đôi điểm, miễn phí giao hàng và giá thành viên đang chờ bạn: ${perks}`,
          },
        }),
        exit('done-vip', 'completed', 'VIP welcomed'),
        exit('done-gold', 'completed', 'Gold welcomed'),
        goal('perk-used', 'Perk Redeemed', 'Used a perk'),
      )
      .chain('upgraded', 'which-tier')
      .link('which-tier', 'vip', 'vip-welcome')
      .link('which-tier', 'else', 'gold-welcome')
      .chain('vip-welcome', 'vip-advisor', 'vip-wait', 'vip-checkin', 'done-vip')
      .chain('gold-welcome', 'gold-wait', 'gold-perks', 'done-gold')
      .journey({
        id: ID,
        name: 'Tier upgrade welcome',
        stage: 'loyalty',
        description: 'Welcome for new gold and VIP members.',
        // A gold member who later becomes VIP enters again for the VIP welcome.
        settings: settings({ attributes: ['tier'], entry: { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 1 } }),
      });
  },
});
