/** Condition: a multi-way split; the first branch whose rules match wins, else the `else` output. */
import { z } from 'zod';
import { evaluateGroup } from '../../rules/evaluate.js';
import { RuleGroup } from '../../rules/schema.js';
import { Id } from '../../journey/primitives.js';
import { quote } from '../words.js';
import { pickOf, SAMPLE_EVENTS } from '../sample.js';
import { defineNode, nodeBase } from '../define.js';

export const SplitBranch = z.object({
  id: Id.refine((v) => v !== 'else', 'the name "else" is reserved'),
  label: z.string().min(1).max(60),
  rules: RuleGroup,
});
export type SplitBranch = z.infer<typeof SplitBranch>;

export const SplitNode = z.object({
  ...nodeBase,
  type: z.literal('condition.split'),
  branches: z.array(SplitBranch).min(1, 'add at least one branch'),
});
export type SplitNode = z.infer<typeof SplitNode>;

export const ruleSplit = defineNode({
  type: 'condition.split',
  category: 'condition',
  behaviour: 'condition',
  title: 'Split on conditions',
  description: 'Sends the customer down the first branch whose conditions match, otherwise "else".',
  icon: 'split',
  schema: SplitNode,
  create: (id) => ({
    id,
    type: 'condition.split',
    position: { x: 0, y: 0 },
    branches: [
      {
        id: 'yes',
        label: 'yes',
        rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'lifetimeValue', operator: 'gte', value: 1000 }] },
      },
    ],
  }),
  describeOutput: (_n, output) => (output.id === 'else' ? 'customers who match none of the branches' : `customers who match ${quote(output.label)}`),
  sample: (id, random) => ({
    id,
    type: 'condition.split',
    branches: [
      { id: 'high', label: 'high value', rules: { op: 'and', rules: [{ kind: 'attribute', attribute: 'score', operator: 'gte', value: 50 }] } },
      {
        id: 'active',
        label: 'active',
        rules: { op: 'or', rules: [{ kind: 'event', event: pickOf(random, SAMPLE_EVENTS), count: { operator: 'gte', value: 1 }, within: { amount: 7, unit: 'days' } }] },
      },
    ],
  }),
  summary: (n) => n.branches.map((b) => b.label).concat('else').join(' · '),
  outputs: (n) => [...n.branches.map((b) => ({ id: b.id, label: b.label })), { id: 'else', label: 'else' }],
  rules: (n) => n.branches.map((b) => b.rules),
  choose: (n, facts) => {
    const misses: string[] = [];
    for (const b of n.branches) {
      const r = evaluateGroup(b.rules, facts);
      if (r.matched) return { output: b.id, reason: `${b.label}: ${r.reason}` };
      misses.push(`${b.label}: ${r.reason}`);
    }
    return { output: 'else', reason: `no branch matched (${misses.join('; ')})` };
  },
});
