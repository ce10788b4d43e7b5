/**
 * Condition: a random split by percentages, sticky per customer (the same customer always lands
 * in the same branch of the same node), with an optional holdout that leaves the journey.
 */
import { z } from 'zod';
import { Id } from '../../journey/primitives.js';
import { quote } from '../words.js';
import { defineNode, nodeBase } from '../define.js';

export const RandomVariant = z.object({
  id: Id.refine((v) => v !== 'holdout', 'the name "holdout" is reserved'),
  label: z.string().min(1).max(60),
  percent: z.number().min(0).max(100),
});

export const RandomSplitNode = z
  .object({
    ...nodeBase,
    type: z.literal('condition.random'),
    variants: z.array(RandomVariant).min(1, 'add at least one variant'),
    /** Percentage held out: these customers leave the journey here (or follow the holdout output). */
    holdoutPercent: z.number().min(0).max(100).default(0),
  })
  .refine((n) => Math.abs(n.variants.reduce((s, v) => s + v.percent, 0) + n.holdoutPercent - 100) < 1e-9, {
    message: 'variant percentages and the holdout must add up to 100',
    path: ['variants'],
  });
export type RandomSplitNode = z.infer<typeof RandomSplitNode>;

/** FNV-1a over the string: a stable bucket in [0, 10000) with no dependency on Math.random. */
export function stableBucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 10_000;
}

export const randomSplit = defineNode({
  type: 'condition.random',
  category: 'condition',
  behaviour: 'condition',
  title: 'Random split',
  description: 'Splits customers by percentage (A/B test), the same customer always in the same branch.',
  icon: 'dice',
  schema: RandomSplitNode as unknown as z.ZodObject<(typeof RandomSplitNode)['shape']>,
  create: (id) => ({
    id,
    type: 'condition.random',
    position: { x: 0, y: 0 },
    variants: [
      { id: 'a', label: 'A 50%', percent: 50 },
      { id: 'b', label: 'B 50%', percent: 50 },
    ],
    holdoutPercent: 0,
  }),
  describeOutput: (_n, output) => (output.id === 'holdout' ? 'customers in the holdout' : `customers who land in ${quote(output.label)}`),
  sample: (id) => ({ id, type: 'condition.random', variants: [{ id: 'a', label: 'A', percent: 45 }, { id: 'b', label: 'B', percent: 45 }], holdoutPercent: 10 }),
  summary: (n) => [...n.variants.map((v) => `${v.label} ${v.percent}%`), ...(n.holdoutPercent > 0 ? [`holdout ${n.holdoutPercent}%`] : [])].join(' · '),
  outputs: (n) => [
    ...n.variants.map((v) => ({ id: v.id, label: v.label })),
    ...(n.holdoutPercent > 0 ? [{ id: 'holdout', label: `holdout ${n.holdoutPercent}%`, optional: true }] : []),
  ],
  choose: (n, _facts, customerId) => {
    const bucket = stableBucket(`${customerId}:${n.id}`);
    let upper = 0;
    for (const v of n.variants) {
      upper += v.percent * 100;
      if (bucket < upper) return { output: v.id, reason: `bucket ${bucket / 100}% fell in ${v.label}` };
    }
    return { output: 'holdout', reason: `bucket ${bucket / 100}% fell in the holdout` };
  },
});
