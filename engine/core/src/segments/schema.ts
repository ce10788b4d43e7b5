/**
 * A saved segment's definition: who is in it, as AND/OR groups of conditions. It reuses the rule
 * language of splits and goals (engine/core/src/rules) for attributes and event history, and adds what
 * only an audience needs: typed attributes, relative dates, tags, consent and suppression status,
 * and membership of other segments (by id, checked for cycles by `checkSegmentGraph`).
 */
import { z } from 'zod';
import { Duration } from '../journey/primitives.js';
import { EventHistoryRule, Operator, RuleValue } from '../rules/schema.js';

/** The types a segment attribute condition can compare as. */
export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date', 'list'] as const;
/** One of `ATTRIBUTE_TYPES`. */
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** Refused with the list of types, so "an unknown attribute type" is a clear error, not a zod enum dump. */
const AttributeTypeSchema = z.string().refine((t): t is AttributeType => (ATTRIBUTE_TYPES as readonly string[]).includes(t), {
  error: (issue) => `unknown attribute type "${String(issue.input)}": use one of ${ATTRIBUTE_TYPES.join(', ')}`,
});

/** `plan eq "pro"`; with `type`, the value must be of that type (a number rule with "abc" is refused). */
export const SegmentAttributeRule = z
  .object({
    kind: z.literal('attribute'),
    attribute: z.string().min(1, 'name the attribute').max(200),
    type: AttributeTypeSchema.optional(),
    operator: Operator,
    value: RuleValue.optional(),
  })
  .superRefine((r, ctx) => {
    if (!r.type || r.value === undefined || r.value === null) return;
    const values = Array.isArray(r.value) ? r.value : [r.value];
    for (const v of values) {
      const ok =
        r.type === 'number' ? typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
        : r.type === 'boolean' ? typeof v === 'boolean'
        : r.type === 'date' ? typeof v === 'string' && !Number.isNaN(Date.parse(v))
        : true;
      if (!ok) ctx.addIssue({ code: 'custom', path: ['value'], message: `${JSON.stringify(v)} is not a ${r.type} (attribute ${r.attribute})` });
    }
  });
export type SegmentAttributeRule = z.infer<typeof SegmentAttributeRule>;

/**
 * A date attribute relative to now, in days: `inLast 30` (signed up in the last 30 days),
 * `inNext 7` (renews within 7 days), `moreThanAgo 90`, `anniversaryInNext 7` (birthday within
 * 7 days, any year).
 */
export const RelativeDateRule = z.object({
  kind: z.literal('date'),
  attribute: z.string().min(1, 'name the date attribute').max(200),
  when: z.enum(['inLast', 'inNext', 'moreThanAgo', 'anniversaryInNext']),
  days: z.number().int().min(0).max(36_500),
});
export type RelativeDateRule = z.infer<typeof RelativeDateRule>;

/** Has (or has not) a tag in the `tags` attribute (the "Add tag" action writes it). */
export const TagRule = z.object({ kind: z.literal('tag'), tag: z.string().min(1).max(64), has: z.boolean().default(true) });
export type TagRule = z.infer<typeof TagRule>;

/** Consent for a topic on a channel: the latest record wins; `unknown` when none. */
export const ConsentRule = z.object({
  kind: z.literal('consent'),
  topic: z.string().min(1).max(100).default('marketing'),
  channel: z.string().min(1).max(20).default('all'),
  status: z.enum(['granted', 'refused', 'unknown']),
});
export type ConsentRule = z.infer<typeof ConsentRule>;

/** An active suppression on a channel (`all` blocks every channel, so it counts for each). */
export const SuppressionRule = z.object({ kind: z.literal('suppression'), channel: z.string().min(1).max(20).default('all'), suppressed: z.boolean() });
export type SuppressionRule = z.infer<typeof SuppressionRule>;

/** Member (or not) of another saved segment. */
export const MembershipRule = z.object({ kind: z.literal('segment'), segmentId: z.string().min(1).max(100), member: z.boolean().default(true) });
export type MembershipRule = z.infer<typeof MembershipRule>;

/**
 * The Segment-spec `context` fields a marketer picks from (any dotted path inside `context` is
 * accepted; these are the ones the editor offers).
 */
export const CONTEXT_FIELDS = [
  'device.type',
  'device.manufacturer',
  'device.model',
  'os.name',
  'channel',
  'app.name',
  'locale',
  'campaign.source',
  'campaign.medium',
  'campaign.name',
] as const;

/** `device.type eq "ios"`: a condition on the `context` an event was sent with, with the operators of property filters. */
export const ContextFilter = z.object({
  kind: z.literal('context'),
  field: z
    .string()
    .min(1, 'name the context field (e.g. device.type)')
    .max(200)
    .regex(/^[^.]+(\.[^.]+)*$/, 'a context field is a dotted path such as device.type (no empty part)'),
  operator: Operator,
  value: RuleValue.optional(),
});
export type ContextFilter = z.infer<typeof ContextFilter>;

/**
 * Event history with filters on the events' `context` too ("did Product Viewed on an iOS device in
 * the last 30 days"): an event counts when its properties match `where` and its context matches
 * `context` (an event sent without context has none of the fields). Optional, so definitions
 * written before it stay as they are.
 */
export const SegmentEventRule = EventHistoryRule.extend({ context: z.array(ContextFilter).max(20).optional() });
export type SegmentEventRule = z.infer<typeof SegmentEventRule>;

/**
 * Seen with a context, whatever the event ("has used the mobile app": `channel eq "mobile"`,
 * "seen on Android in the last 7 days"): at least one call the customer sent with a `context`
 * (track, identify, page, screen…) matches every filter, within `within` when given. Calls sent
 * without any context (and Cairn's own events) do not count.
 */
export const SeenRule = z.object({
  kind: z.literal('seen'),
  context: z.array(ContextFilter).min(1, 'a "seen with" condition needs at least one context filter').max(20),
  within: Duration.optional(),
});
export type SeenRule = z.infer<typeof SeenRule>;

/**
 * One condition of a saved segment: attribute, event history, seen with a context, relative date, tag,
 * consent, suppression or membership of another segment.
 */
export const SegmentRule = z.discriminatedUnion('kind', [SegmentAttributeRule, SegmentEventRule, SeenRule, RelativeDateRule, TagRule, ConsentRule, SuppressionRule, MembershipRule]);
export type SegmentRule = z.infer<typeof SegmentRule>;

/** A saved segment's definition: conditions joined by AND or OR, nested (at most 200 per group). */
export interface SegmentGroup {
  op: 'and' | 'or';
  rules: Array<SegmentRule | SegmentGroup>;
}

/** Nesting is bounded: a definition is edited by people, and evaluation recurses. */
const MAX_RULES = 200;
export const SegmentGroup: z.ZodType<SegmentGroup> = z.lazy(() =>
  z.object({
    op: z.enum(['and', 'or']),
    rules: z.array(z.union([SegmentRule, SegmentGroup])).max(MAX_RULES, `at most ${MAX_RULES} conditions in a group`),
  }),
);

/** Whether a segment condition is a nested group. */
export function isSegmentGroup(r: SegmentRule | SegmentGroup): r is SegmentGroup {
  return 'op' in r;
}

/** Every rule of a definition, depth first. */
export function* rulesOf(group: SegmentGroup): Generator<SegmentRule> {
  for (const r of group.rules) {
    if (isSegmentGroup(r)) yield* rulesOf(r);
    else yield r;
  }
}
