/** Trigger: enrolled by the API or by hand from the customer page. */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const ManualTriggerNode = z.object({
  ...nodeBase,
  type: z.literal('trigger.manual'),
});
export type ManualTriggerNode = z.infer<typeof ManualTriggerNode>;

/** The event name an enrolment through the API or the UI carries. */
export const MANUAL_ENROL = '$enrol';

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Enrolled by API or by hand',
  description: 'Starts when a customer is added through the API or from their page.',
  icon: 'hand',
  schema: ManualTriggerNode,
  create: (id) => ({ id, type: 'trigger.manual', position: { x: 0, y: 0 } }),
  startEvent: (_n, at) => ({ name: MANUAL_ENROL, at, properties: {} }),
  entryEvents: () => [MANUAL_ENROL],
  outputs: () => [NEXT],
  matchesEvent: (_n, event) => event.name === MANUAL_ENROL,
});
