/** Custom actions that ship with Cairn, built with the same API as yours. One line each. */
import { issueCoupon } from './coupon.js';
import { crmFollowUp } from './crm-follow-up.js';
import { teamChatPost } from './team-chat.js';

export const builtInActions = [crmFollowUp, issueCoupon, teamChatPost] as const;
