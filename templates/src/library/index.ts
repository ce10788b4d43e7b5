/**
 * The template library: one file per template, registered here in gallery order (the five
 * lifecycle stages of seed 000, then journeys that span stages, then the classic triggers).
 */
import type { Template } from '../define.js';
import abandonedCart from './abandoned-cart.js';
import birthday from './birthday.js';
import considerationNurture from './consideration-nurture.js';
import firstPurchaseIceBreaker from './first-purchase-ice-breaker.js';
import fullLifecycle from './full-lifecycle.js';
import highValueHandoff from './high-value-handoff.js';
import landingSignupOnboarding from './landing-signup-onboarding.js';
import loyaltyRewards from './loyalty-rewards.js';
import postPurchaseCare from './post-purchase-care.js';
import qrLuckySpin from './qr-lucky-spin.js';
import sixStageFunnel from './six-stage-funnel.js';
import vipTierUpgrade from './vip-tier-upgrade.js';
import winBack from './win-back.js';

export const library: readonly Template[] = [
  qrLuckySpin,
  considerationNurture,
  landingSignupOnboarding,
  postPurchaseCare,
  loyaltyRewards,
  fullLifecycle,
  sixStageFunnel,
  firstPurchaseIceBreaker,
  highValueHandoff,
  abandonedCart,
  winBack,
  birthday,
  vipTierUpgrade,
];
