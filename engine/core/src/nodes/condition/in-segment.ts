/**
 * Condition: is the customer in a saved segment right now? Reads the memberships carried in the
 * run's profile (`profile.segments`: loaded with the profile at entry and on identify, kept up to
 * date by the "$segment_entered" / "$segment_exited" events the run is signalled).
 */
import { z } from 'zod';
import { defineNode, nodeBase } from '../define.js';
import { quote } from '../words.js';
import { SEGMENT_ENTERED, SEGMENT_EXITED } from '../../segments/events.js';

export const InSegmentNode = z.object({
  ...nodeBase,
  type: z.literal('condition.in-segment'),
  segmentId: z.string().max(100),
  segmentName: z.string().max(120).optional(),
});
export type InSegmentNode = z.infer<typeof InSegmentNode>;

const YES = { id: 'yes', label: 'in segment' };
const NO = { id: 'no', label: 'not in segment' };

export const inSegmentCondition = defineNode({
  type: 'condition.in-segment',
  category: 'condition',
  behaviour: 'condition',
  title: 'Is in segment',
  description: 'Sends the customer one way if they are in a saved segment now, the other way if not.',
  icon: 'users',
  schema: InSegmentNode,
  create: (id) => ({ id, type: 'condition.in-segment', position: { x: 0, y: 0 }, segmentId: '' }),
  sample: (id) => ({ id, type: 'condition.in-segment', segmentId: 'seg_sample', segmentName: 'Sample segment' }),
  summary: (n) => (n.segmentId ? `in ${quote(n.segmentName || n.segmentId)}?` : 'choose a segment'),
  // The run's memberships follow these events (profile.segments, which `choose` reads).
  needsEvents: () => [SEGMENT_ENTERED, SEGMENT_EXITED],
  outputs: () => [YES, NO],
  describeOutput: (n, output) => `customers ${output.id === 'yes' ? '' : 'not '}in ${quote(n.segmentName || n.segmentId)}`,
  choose: (n, facts) => {
    const name = quote(n.segmentName || n.segmentId);
    if (!facts.segments) return { output: NO.id, reason: `segment membership is not known here (only for real customers), so not in ${name}` };
    return facts.segments.includes(n.segmentId) ? { output: YES.id, reason: `in ${name}` } : { output: NO.id, reason: `not in ${name}` };
  },
});
