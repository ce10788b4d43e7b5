/**
 * The rule language used by segment triggers, multi-way splits, goals and event filters:
 * conditions on customer attributes, on the current event's properties, and on event history
 * (counts and recency), combined in nested AND/OR groups.
 */
import { z } from 'zod';
import { Duration } from '../journey/primitives.js';

/** The comparison operators a rule can use. */
export const Operator = z.enum([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'notContains',
  'startsWith',
  'in',
  'notIn',
  'exists',
  'notExists',
]);
export type Operator = z.infer<typeof Operator>;

/** A single value a rule compares with. */
export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

/** The value a rule compares with: one scalar or a list (for `in`). */
export const RuleValue = z.union([Scalar, z.array(Scalar)]);
export type RuleValue = z.infer<typeof RuleValue>;

/** A condition on one customer attribute, e.g. `lifetimeValue gte 1000`. Dotted paths reach nested values. */
export const AttributeRule = z.object({
  kind: z.literal('attribute'),
  attribute: z.string().min(1),
  operator: Operator,
  value: RuleValue.optional(),
});
export type AttributeRule = z.infer<typeof AttributeRule>;

/** A condition on a property of the event that started the journey or released the last wait. */
export const PropertyRule = z.object({
  kind: z.literal('property'),
  property: z.string().min(1),
  operator: Operator,
  value: RuleValue.optional(),
});
export type PropertyRule = z.infer<typeof PropertyRule>;

/** "Did `event` happen at least/at most/exactly N times (matching `where`) within the last `within`?" */
export const EventHistoryRule = z.object({
  kind: z.literal('event'),
  event: z.string().min(1),
  count: z.object({ operator: z.enum(['gte', 'lte', 'eq']), value: z.number().int().min(0) }),
  within: Duration.optional(),
  where: z.array(PropertyRule).default([]),
});
export type EventHistoryRule = z.infer<typeof EventHistoryRule>;

/** One condition: on an attribute, a property of the current event, or the event history. */
export type Rule = AttributeRule | PropertyRule | EventHistoryRule;

/** Conditions joined by AND or OR, nested to any depth. */
export interface RuleGroup {
  op: 'and' | 'or';
  rules: Array<Rule | RuleGroup>;
}

export const Rule = z.discriminatedUnion('kind', [AttributeRule, PropertyRule, EventHistoryRule]);

export const RuleGroup: z.ZodType<RuleGroup> = z.lazy(() =>
  z.object({
    op: z.enum(['and', 'or']),
    rules: z.array(z.union([Rule, RuleGroup])),
  }),
);

/** An empty AND group: matches everything. */
export const always = (): RuleGroup => ({ op: 'and', rules: [] });

/** Whether a rule is a group of rules. */
export function isGroup(r: Rule | RuleGroup): r is RuleGroup {
  return 'op' in r;
}
