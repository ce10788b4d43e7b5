/** Wait: for the customer to do something, or give up after a timeout (two outputs). */
import { z } from 'zod';
import { compare, readPath } from '../../rules/evaluate.js';
import { PropertyRule } from '../../rules/schema.js';
import { Duration, durationMs } from '../../journey/primitives.js';
import { durationInWords, quote } from '../words.js';
import { pickOf, SAMPLE_EVENTS } from '../sample.js';
import { defineNode, nodeBase } from '../define.js';

export const WaitForEventNode = z.object({
  ...nodeBase,
  type: z.literal('wait.event'),
  event: z.string().min(1, 'name the event to wait for'),
  where: z.array(PropertyRule).default([]),
  /** Required at publish time (graph checks): a customer must never wait forever. */
  timeout: Duration.optional(),
});
export type WaitForEventNode = z.infer<typeof WaitForEventNode>;

export const waitForEvent = defineNode({
  type: 'wait.event',
  category: 'wait',
  behaviour: 'wait',
  title: 'Wait for an event',
  description: 'Waits until the customer does something, or takes the timeout branch.',
  icon: 'hourglass',
  schema: WaitForEventNode,
  create: (id) => ({
    id,
    type: 'wait.event',
    position: { x: 0, y: 0 },
    event: 'Order Completed',
    where: [],
    timeout: { amount: 3, unit: 'days' },
  }),
  describeOutput: (n, output) => {
    if (output.id === 'event') return `customers who do ${quote(n.event)}`;
    if (output.id === 'timeout') return `customers who don't do ${quote(n.event)}${n.timeout ? ` within ${durationInWords(n.timeout)}` : ''}`;
    return undefined;
  },
  sample: (id, random) => ({ id, type: 'wait.event', event: pickOf(random, SAMPLE_EVENTS), timeout: { amount: 1 + Math.floor(random() * 3), unit: 'days' } }),
  alwaysPauses: (n) => !n.timeout || n.timeout.amount > 0,
  summary: (n) => `${quote(n.event)}${n.timeout ? `, up to ${durationInWords(n.timeout)}` : ''}`,
  awaitedEvents: (n) => [n.event],
  outputs: () => [
    { id: 'event', label: 'event' },
    { id: 'timeout', label: 'timeout' },
  ],
  deadline: (n, now) => (n.timeout ? now + durationMs(n.timeout) : undefined),
  timeoutOutput: 'timeout',
  awaits: (n, event) =>
    event.name === n.event && n.where.every((w) => compare(readPath(event.properties, w.property), w.operator, w.value))
      ? 'event'
      : undefined,
});
