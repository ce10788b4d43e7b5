/** Trigger: at a date, or on a recurring schedule, for everyone in a segment. */
import { z } from 'zod';
import { evaluateGroup } from '../../rules/evaluate.js';
import { always, RuleGroup } from '../../rules/schema.js';
import { DayOfWeek, TimeOfDay } from '../../journey/primitives.js';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const Schedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: z.iso.datetime({ offset: true }) }),
  z.object({
    kind: z.literal('recurring'),
    every: z.enum(['day', 'week', 'month']),
    at: TimeOfDay,
    daysOfWeek: z.array(DayOfWeek).default([]),
    dayOfMonth: z.number().int().min(1).max(28).optional(),
  }),
]);
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleTriggerNode = z.object({
  ...nodeBase,
  type: z.literal('trigger.schedule'),
  schedule: Schedule,
  /** Who is enrolled when the schedule fires (empty: every customer). */
  segment: RuleGroup.default(always()),
});
export type ScheduleTriggerNode = z.infer<typeof ScheduleTriggerNode>;

/** The event the scheduler emits for each customer it enrols. */
export const SCHEDULE_FIRED = '$schedule';

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  category: 'trigger',
  behaviour: 'trigger',
  title: 'Schedule',
  description: 'Starts for everyone in a segment at a date, or every day, week or month.',
  icon: 'calendar',
  schema: ScheduleTriggerNode,
  create: (id) => ({
    id,
    type: 'trigger.schedule',
    position: { x: 0, y: 0 },
    schedule: { kind: 'recurring', every: 'week', at: '09:00', daysOfWeek: [1] },
    segment: always(),
  }),
  startEvent: (n, at) => ({ name: SCHEDULE_FIRED, at, properties: { nodeId: n.id } }),
  outputs: () => [NEXT],
  rules: (n) => [n.segment],
  matchesEvent: (n, event, facts) =>
    event.name === SCHEDULE_FIRED && event.properties.nodeId === n.id && evaluateGroup(n.segment, { ...facts, event }).matched,
});
