/** Goal: a conversion event that ends the journey for the customer, wherever they are in it. */
import { z } from 'zod';
import { evaluateGroup } from '../../rules/evaluate.js';
import { always, RuleGroup } from '../../rules/schema.js';
import { defineNode, nodeBase } from '../define.js';
import { quote } from '../words.js';

export const GoalNode = z.object({
  ...nodeBase,
  type: z.literal('goal'),
  event: z.string().min(1, 'name the conversion event'),
  filter: RuleGroup.default(always()),
});
export type GoalNode = z.infer<typeof GoalNode>;

export const goalNode = defineNode({
  type: 'goal',
  category: 'goal',
  behaviour: 'goal',
  title: 'Goal',
  description: 'A conversion, e.g. "Order Completed": the customer leaves the journey as converted, even mid-wait.',
  icon: 'target',
  schema: GoalNode,
  create: (id) => ({ id, type: 'goal', position: { x: 0, y: 0 }, event: 'Order Completed', filter: always() }),
  summary: (n) => quote(n.event),
  awaitedEvents: (n) => [n.event],
  outputs: () => [],
  rules: (n) => [n.filter],
  matchesEvent: (n, event, facts) => event.name === n.event && evaluateGroup(n.filter, { ...facts, event }).matched,
});
