/**
 * The built-in node kinds: one line per kind, in palette order. A kind is one file under
 * nodes/<category>/ calling `defineNode` (schema, outputs, behaviour, checks, words, sample)
 * plus its line here; the schema union, the palette, the inspector, the graph checks, the
 * compiler, the simulator and the workflow's effect table all follow from this list.
 */
import { assignRep } from './action/assign-rep.js';
import { sendChat } from './action/chat.js';
import { customAction } from './action/custom.js';
import { sendEmail } from './action/email.js';
import { exitNode } from './action/exit.js';
import { sendPush } from './action/push.js';
import { sendSms } from './action/sms.js';
import { addTag } from './action/tag.js';
import { updateAttribute } from './action/update-attribute.js';
import { callWebhook } from './action/webhook.js';
import { randomSplit } from './condition/random.js';
import { inSegmentCondition } from './condition/in-segment.js';
import { ruleSplit } from './condition/split.js';
import { goalNode } from './goal/goal.js';
import { attributeTrigger } from './trigger/attribute.js';
import { customTrigger } from './trigger/custom.js';
import { eventTrigger } from './trigger/event.js';
import { manualTrigger } from './trigger/manual.js';
import { scheduleTrigger } from './trigger/schedule.js';
import { segmentTrigger } from './trigger/segment.js';
import { segmentEnteredTrigger } from './trigger/segment-entered.js';
import { dateWait } from './wait/date.js';
import { delayWait } from './wait/delay.js';
import { waitForEvent } from './wait/event.js';
import { windowWait } from './wait/window.js';

export const BUILT_IN_KINDS = [
  eventTrigger,
  segmentTrigger,
  segmentEnteredTrigger,
  attributeTrigger,
  manualTrigger,
  scheduleTrigger,
  customTrigger,
  delayWait,
  windowWait,
  dateWait,
  waitForEvent,
  ruleSplit,
  randomSplit,
  inSegmentCondition,
  sendEmail,
  sendSms,
  sendPush,
  sendChat,
  callWebhook,
  updateAttribute,
  addTag,
  assignRep,
  customAction,
  exitNode,
  goalNode,
] as const;
