/** Wait: until a time window on chosen days, in the customer's own time zone. */
import { z } from 'zod';
import { DayOfWeek, TimeOfDay } from '../../journey/primitives.js';
import { nextWindowOpening } from '../../time/zoned.js';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { daysInWords } from '../words.js';

export const WindowNode = z.object({
  ...nodeBase,
  type: z.literal('wait.window'),
  /** Days allowed (0 = Sunday); empty means every day. */
  days: z.array(DayOfWeek).default([]),
  start: TimeOfDay,
  end: TimeOfDay,
});
export type WindowNode = z.infer<typeof WindowNode>;

export const windowWait = defineNode({
  type: 'wait.window',
  category: 'wait',
  behaviour: 'wait',
  title: 'Wait for a time window',
  description: "Waits until a time of day and day of week in the customer's time zone, e.g. weekdays 09:00-11:00.",
  icon: 'sun',
  schema: WindowNode,
  create: (id) => ({ id, type: 'wait.window', position: { x: 0, y: 0 }, days: [1, 2, 3, 4, 5], start: '09:00', end: '11:00' }),
  sample: (id) => ({ id, type: 'wait.window', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }),
  alwaysPauses: () => false,
  summary: (n) => `${n.start}–${n.end}, ${daysInWords(n.days)}`,
  outputs: () => [NEXT],
  deadline: (n, now, tz) => nextWindowOpening(now, tz, n.days, n.start, n.end),
  timeoutOutput: 'next',
});
