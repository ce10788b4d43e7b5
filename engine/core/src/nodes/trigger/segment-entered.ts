/**
 * Trigger: the customer enters a saved segment (by reference). Ingest keeps membership current
 * and records "$segment_entered" with the segment's id (engine/src/segments); this trigger starts
 * on that event, so editing the segment changes who enters every journey that uses it.
 */
import { z } from 'zod';
import { SEGMENT_ENTERED } from '../../segments/events.js';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { quote } from '../words.js';

export const SegmentEnteredNode = z.object({
  ...nodeBase,
  type: z.literal('trigger.segment-entered'),
  /** The saved segment's id; empty until one is chosen (the graph checks say so). */
  segmentId: z.string().max(100),
  /** Its name when chosen, for the canvas (the id is what counts). */
  segmentName: z.string().max(120).optional(),
});
export type SegmentEnteredNode = z.infer<typeof SegmentEnteredNode>;

export const segmentEnteredTrigger = defineNode({
  type: 'trigger.segment-entered',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Enters a saved segment',
  description: 'Starts when the customer joins a saved segment (edited on the Segments page).',
  icon: 'users',
  schema: SegmentEnteredNode,
  create: (id) => ({ id, type: 'trigger.segment-entered', position: { x: 0, y: 0 }, segmentId: '' }),
  startEvent: (n, at) => ({ name: SEGMENT_ENTERED, at, properties: { segmentId: n.segmentId, segmentName: n.segmentName ?? '' } }),
  sample: (id) => ({ id, type: 'trigger.segment-entered', segmentId: 'seg_sample', segmentName: 'Sample segment' }),
  summary: (n) => (n.segmentId ? quote(n.segmentName || n.segmentId) : 'choose a segment'),
  entryEvents: () => [SEGMENT_ENTERED],
  outputs: () => [NEXT],
  matchesEvent: (n, event) => n.segmentId !== '' && event.name === SEGMENT_ENTERED && event.properties.segmentId === n.segmentId,
});
