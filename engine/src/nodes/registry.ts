/**
 * The node registry: one line per kind. Everything that needs to know the kinds (the schema
 * union, palette, inspector, checks, compiler, simulator) reads it from here.
 */
import { z } from 'zod';
import { assignRep, AssignRepNode } from './action/assign-rep.js';
import { sendChat, ChatNode } from './action/chat.js';
import { sendEmail, EmailNode } from './action/email.js';
import { customAction, CustomActionNode } from './action/custom.js';
import { exitNode, ExitNode } from './action/exit.js';
import { sendPush, PushNode } from './action/push.js';
import { sendSms, SmsNode } from './action/sms.js';
import { addTag, TagNode } from './action/tag.js';
import { updateAttribute, UpdateAttributeNode } from './action/update-attribute.js';
import { callWebhook, WebhookNode } from './action/webhook.js';
import { randomSplit, RandomSplitNode } from './condition/random.js';
import { ruleSplit, SplitNode } from './condition/split.js';
import type { MessageSpec, NodeCategory, NodeDefinition } from './define.js';
import { goalNode, GoalNode } from './goal/goal.js';
import { attributeTrigger, AttributeTriggerNode } from './trigger/attribute.js';
import { eventTrigger, EventTriggerNode } from './trigger/event.js';
import { manualTrigger, ManualTriggerNode } from './trigger/manual.js';
import { scheduleTrigger, ScheduleTriggerNode } from './trigger/schedule.js';
import { segmentTrigger, SegmentTriggerNode } from './trigger/segment.js';
import { delayWait, DelayNode } from './wait/delay.js';
import { waitForEvent, WaitForEventNode } from './wait/event.js';
import { windowWait, WindowNode } from './wait/window.js';

/** Every node a journey can hold: one discriminated union keyed by `type`. */
export const JourneyNode = z.discriminatedUnion('type', [
  EventTriggerNode,
  SegmentTriggerNode,
  AttributeTriggerNode,
  ManualTriggerNode,
  ScheduleTriggerNode,
  DelayNode,
  WindowNode,
  WaitForEventNode,
  SplitNode,
  RandomSplitNode,
  EmailNode,
  SmsNode,
  PushNode,
  ChatNode,
  WebhookNode,
  UpdateAttributeNode,
  TagNode,
  AssignRepNode,
  CustomActionNode,
  ExitNode,
  GoalNode,
]);
export type JourneyNode = z.infer<typeof JourneyNode>;
export type NodeType = JourneyNode['type'];

const definitions = [
  eventTrigger,
  segmentTrigger,
  attributeTrigger,
  manualTrigger,
  scheduleTrigger,
  delayWait,
  windowWait,
  waitForEvent,
  ruleSplit,
  randomSplit,
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

/** The node of one kind: `NodeOf<'action.email'>` is `EmailNode`. */
export type NodeOf<K extends NodeType> = Extract<JourneyNode, { type: K }>;

/**
 * The kinds the runtime performs as effects (definitions with `behaviour: 'effect'`). A table
 * keyed by `EffectKind` (the workflow's effect table) fails to compile when a kind is missing.
 */
export type EffectKind = Extract<(typeof definitions)[number], { behaviour: 'effect' }>['type'];

/** A definition seen from outside, its methods taking any journey node. */
export type AnyNodeDefinition = NodeDefinition<string, z.ZodObject> & { type: NodeType };

const byType = new Map<string, AnyNodeDefinition>(
  definitions.map((d) => [d.type, d as unknown as AnyNodeDefinition]),
);

/** The definition of a node kind. Throws for an unknown kind (the schema rejects those first). */
export function definitionOf(type: string): AnyNodeDefinition {
  const def = byType.get(type);
  if (!def) throw new Error(`unknown node type "${type}"`);
  return def;
}

/** The definition of a node kind, or undefined for an unknown kind. */
export function findDefinition(type: string): AnyNodeDefinition | undefined {
  return byType.get(type);
}

/** The message spec of a kind that sends messages (email, SMS, push, chat), else undefined. */
export function messageSpecOf(def: AnyNodeDefinition | undefined): MessageSpec<z.ZodObject> | undefined {
  return def?.behaviour === 'effect' ? def.message : undefined;
}

/** All kinds, in palette order. */
export function nodeKinds(): readonly AnyNodeDefinition[] {
  return [...byType.values()];
}

export const CATEGORY_ORDER: readonly NodeCategory[] = ['trigger', 'condition', 'wait', 'action', 'goal'];

/** Exhaustiveness helper for switches over node kinds or other unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
