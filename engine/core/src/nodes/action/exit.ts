/** Exit: the customer leaves the journey here. */
import { z } from 'zod';
import { defineNode, nodeBase } from '../define.js';

export const ExitNode = z.object({
  ...nodeBase,
  type: z.literal('exit'),
  reason: z.string().max(120).default('completed'),
});
export type ExitNode = z.infer<typeof ExitNode>;

export const exitNode = defineNode({
  type: 'exit',
  category: 'action',
  behaviour: 'exit',
  title: 'Exit',
  description: 'Ends the journey for the customer.',
  icon: 'flag',
  schema: ExitNode,
  create: (id) => ({ id, type: 'exit', position: { x: 0, y: 0 }, reason: 'completed' }),
  summary: (n) => (n.reason === 'completed' ? '' : n.reason),
  outputs: () => [],
});
