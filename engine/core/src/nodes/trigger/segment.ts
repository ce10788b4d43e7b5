/** Trigger: the customer starts matching a segment (attributes and event history). */
import { z } from 'zod';
import { evaluateGroup } from '../../rules/evaluate.js';
import { RuleGroup } from '../../rules/schema.js';
import { groupInWords } from '../../rules/words.js';
import { quote } from '../words.js';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const SegmentTriggerNode = z.object({
  ...nodeBase,
  type: z.literal('trigger.segment'),
  segmentName: z.string().max(120).optional(),
  conditions: RuleGroup,
});
export type SegmentTriggerNode = z.infer<typeof SegmentTriggerNode>;

export const segmentTrigger = defineNode({
  type: 'trigger.segment',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Enters a segment',
  description: 'Starts when the customer comes to match conditions on attributes and past events.',
  icon: 'users',
  schema: SegmentTriggerNode,
  create: (id) => ({
    id,
    type: 'trigger.segment',
    position: { x: 0, y: 0 },
    conditions: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' }] },
  }),
  // A test customer who already matches is in the segment from the start.
  startEvent: (_n, at) => ({ name: '$start', at, properties: {} }),
  summary: (n) => (n.segmentName ? quote(n.segmentName) : groupInWords(n.conditions)),
  outputs: () => [NEXT],
  rules: (n) => [n.conditions],
  // Evaluated on every identify/track for the customer: the segment is entered when it now matches
  // and did not before the call (entersOnChange; the ingest compares both).
  matchesEvent: (n, event, facts) => evaluateGroup(n.conditions, { ...facts, event }).matched,
  entersOnChange: true,
});
