/**
 * A node kind that exists only for tests: "Can we reach them?" (a condition on whether the
 * customer has an address for a channel). It is written exactly as a built-in kind is, one
 * `defineNode` call, and `new-kind.test.ts` adds it to the kinds list (the one registry line)
 * to prove that everything else picks a new kind up by itself.
 */
import { z } from 'zod';
import { defineNode, nodeBase } from '../nodes/define.js';
import { quote } from '../nodes/words.js';

const ADDRESS = { email: 'email', sms: 'phone', push: 'pushToken' } as const;

export const ReachableNode = z.object({
  ...nodeBase,
  type: z.literal('condition.reachable'),
  channel: z.enum(['email', 'sms', 'push'], { error: 'choose email, sms or push' }),
});

export const reachable = defineNode({
  type: 'condition.reachable',
  category: 'condition',
  behaviour: 'condition',
  title: 'Can we reach them?',
  description: 'Branches on whether the customer has an address for a channel.',
  icon: 'split',
  schema: ReachableNode,
  create: (id) => ({ id, type: 'condition.reachable', position: { x: 0, y: 0 }, channel: 'email' }),
  outputs: () => [
    { id: 'yes', label: 'reachable' },
    { id: 'no', label: 'not reachable' },
  ],
  choose: (n, facts) => {
    const field = ADDRESS[n.channel];
    const has = typeof facts.attributes[field] === 'string' && facts.attributes[field] !== '';
    return { output: has ? 'yes' : 'no', reason: has ? `has ${field}` : `no ${field}` };
  },
  describeOutput: (n, output) => `customers ${output.id === 'yes' ? 'with' : 'without'} an address for ${quote(n.channel)}`,
  sample: (id) => ({ id, type: 'condition.reachable', channel: 'sms' }),
});
