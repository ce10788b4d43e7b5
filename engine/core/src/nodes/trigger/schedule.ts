/** Trigger: at a date, or on a recurring schedule, for everyone in a segment. */
import { z } from 'zod';
import { evaluateGroup } from '../../rules/evaluate.js';
import { always, RuleGroup } from '../../rules/schema.js';
import { DayOfWeek, TimeOfDay } from '../../journey/primitives.js';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { daysInWords } from '../words.js';

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

/** "every week on Mon at 09:00", "once, 2026-12-01 09:00 (UTC+07:00)". */
export function scheduleInWords(s: Schedule): string {
  if (s.kind === 'once') {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:\d{2})$/.exec(s.at);
    return m ? `once, ${m[1]} ${m[2]}${m[3] === 'Z' ? ' UTC' : ` (UTC${m[3]})`}` : `once, ${s.at}`;
  }
  if (s.every === 'day') return `every day at ${s.at}`;
  if (s.every === 'week') return s.daysOfWeek.length ? `every week on ${daysInWords(s.daysOfWeek)} at ${s.at}` : `every week at ${s.at}`;
  return `every month on day ${s.dayOfMonth ?? 1} at ${s.at}`;
}

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
  summary: (n) => scheduleInWords(n.schedule),
  entryEvents: () => [SCHEDULE_FIRED],
  outputs: () => [NEXT],
  rules: (n) => [n.segment],
  matchesEvent: (n, event, facts) =>
    event.name === SCHEDULE_FIRED && event.properties.nodeId === n.id && evaluateGroup(n.segment, { ...facts, event }).matched,
});
