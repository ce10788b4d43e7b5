/** Custom actions (and conditions) that ship with Cairn, built with the same API as yours. One line each. */
import { issueCoupon } from './coupon.js';
import { crmFollowUp } from './crm-follow-up.js';
import { leadScore } from './lead-score.js';
import { teamChatPost } from './team-chat.js';
import { typeformSubmitted } from './typeform.js';

export const builtInActions = [crmFollowUp, issueCoupon, leadScore, teamChatPost] as const;

/** Custom triggers that ship with Cairn (defineTrigger). */
export const builtInTriggers = [typeformSubmitted] as const;
