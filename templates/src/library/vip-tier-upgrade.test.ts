import { ATTRIBUTE_CHANGED } from '@cairn/core';
import { describeTemplate } from '../testing/suite.js';

const becomes = (to: string) => ({ name: ATTRIBUTE_CHANGED, at: '0m', properties: { attribute: 'tier', from: 'silver', to } });

describeTemplate('vip-tier-upgrade', () => [
  {
    name: 'becomes VIP: welcome, personal advisor, check-in',
    customer: { attributes: { firstName: 'Bao', tier: 'vip' } },
    events: [becomes('vip')],
    expectPath: ['upgraded', 'which-tier:vip', 'vip-welcome', 'vip-advisor', 'vip-wait', 'vip-checkin', 'done-vip'],
    expectExit: 'completed:done-vip',
  },
  {
    name: 'becomes gold: welcome and perks',
    customer: { attributes: { tier: 'gold' } },
    events: [becomes('gold')],
    expectPath: ['upgraded', 'which-tier:else', 'gold-welcome', 'gold-wait', 'gold-perks', 'done-gold'],
    expectExit: 'completed:done-gold',
  },
  {
    name: 'uses a perk (goal)',
    events: [becomes('gold'), { name: 'Perk Redeemed', at: '2d' }],
    expectPath: ['upgraded', 'which-tier:else', 'gold-welcome'],
    expectExit: 'goal:perk-used',
  },
  {
    name: 'becomes silver: not this journey',
    events: [becomes('silver')],
    expectPath: [],
    expectExit: 'not-entered',
  },
  {
    name: 'unsubscribes before the check-in',
    events: [becomes('vip'), { name: 'Unsubscribed', at: '3d' }],
    expectPath: ['upgraded', 'which-tier:vip', 'vip-welcome', 'vip-advisor'],
    expectExit: 'exit-event:vip-wait',
  },
]);
