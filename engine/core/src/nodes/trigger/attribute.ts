/** Trigger: one of the customer's attributes changes (optionally to a given value). */
import { z } from 'zod';
import { compare } from '../../rules/evaluate.js';
import { Operator, RuleValue } from '../../rules/schema.js';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const AttributeTriggerNode = z.object({
  ...nodeBase,
  type: z.literal('trigger.attribute'),
  attribute: z.string().min(1, 'name the attribute to watch'),
  /** Optional condition on the new value, e.g. `tier eq "gold"`. */
  to: z.object({ operator: Operator, value: RuleValue.optional() }).optional(),
});
export type AttributeTriggerNode = z.infer<typeof AttributeTriggerNode>;

/** The event the ingest emits when an identify call changes an attribute. */
export const ATTRIBUTE_CHANGED = '$attribute_changed';

export const attributeTrigger = defineNode({
  type: 'trigger.attribute',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Attribute changed',
  description: 'Starts when a customer attribute changes, e.g. tier becomes "gold".',
  icon: 'pencil',
  schema: AttributeTriggerNode,
  create: (id) => ({ id, type: 'trigger.attribute', position: { x: 0, y: 0 }, attribute: 'tier' }),
  attributesWritten: (n) => [n.attribute],
  summary: (n) => `when ${n.attribute} changes`,
  entryEvents: () => [ATTRIBUTE_CHANGED],
  outputs: () => [NEXT],
  matchesEvent: (n, event) =>
    event.name === ATTRIBUTE_CHANGED &&
    event.properties.attribute === n.attribute &&
    (!n.to || compare(event.properties.to, n.to.operator, n.to.value)),
});
