/** Trigger: the customer does something (a tracked event), optionally with matching properties. */
import { z } from 'zod';
import { evaluateGroup } from '../../rules/evaluate.js';
import { always, RuleGroup } from '../../rules/schema.js';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { quote } from '../words.js';

export const EventTriggerNode = z.object({
  ...nodeBase,
  type: z.literal('trigger.event'),
  event: z.string().min(1, 'name the event that starts the journey'),
  /** Conditions on the event's properties (and the customer's attributes). */
  filter: RuleGroup.default(always()),
});
export type EventTriggerNode = z.infer<typeof EventTriggerNode>;

export const eventTrigger = defineNode({
  type: 'trigger.event',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Event received',
  description: 'Starts when the customer does something, e.g. "Order Completed" with total over 100.',
  icon: 'bolt',
  schema: EventTriggerNode,
  create: (id) => ({ id, type: 'trigger.event', position: { x: 0, y: 0 }, event: 'Signed Up', filter: always() }),
  summary: (n) => quote(n.event),
  entryEvents: (n) => [n.event],
  outputs: () => [NEXT],
  rules: (n) => [n.filter],
  matchesEvent: (n, event, facts) => event.name === n.event && evaluateGroup(n.filter, { ...facts, event }).matched,
});
