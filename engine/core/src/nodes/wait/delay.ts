/** Wait: a fixed delay. The deadline is absolute, fixed when the customer arrives. */
import { z } from 'zod';
import { Duration, durationMs } from '../../journey/primitives.js';
import { pickOf } from '../sample.js';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { durationInWords } from '../words.js';

export const DelayNode = z.object({
  ...nodeBase,
  type: z.literal('wait.delay'),
  duration: Duration,
});
export type DelayNode = z.infer<typeof DelayNode>;

export const delayWait = defineNode({
  type: 'wait.delay',
  category: 'wait',
  behaviour: 'wait',
  title: 'Wait',
  description: 'Waits a fixed time, e.g. 3 days.',
  icon: 'clock',
  schema: DelayNode,
  create: (id) => ({ id, type: 'wait.delay', position: { x: 0, y: 0 }, duration: { amount: 1, unit: 'days' } }),
  sample: (id, random) => ({ id, type: 'wait.delay', duration: { amount: 1 + Math.floor(random() * 5), unit: pickOf(random, ['minutes', 'hours', 'days'] as const) } }),
  alwaysPauses: (n) => n.duration.amount > 0,
  summary: (n) => durationInWords(n.duration),
  outputs: () => [NEXT],
  deadline: (n, now) => now + durationMs(n.duration),
  timeoutOutput: 'next',
});
