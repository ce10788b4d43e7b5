/** Action: add (or remove) a tag on the customer; tags live in the `tags` attribute. */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';
import { quote } from '../words.js';

export const TagNode = z.object({
  ...nodeBase,
  type: z.literal('action.tag'),
  tag: z.string().min(1, 'name the tag').max(64),
  remove: z.boolean().default(false),
});
export type TagNode = z.infer<typeof TagNode>;

/** The tag list after applying the node (pure; used at run time and in simulation). */
export function applyTag(current: unknown, node: Pick<TagNode, 'tag' | 'remove'>): string[] {
  const tags = Array.isArray(current) ? current.map(String) : [];
  if (node.remove) return tags.filter((t) => t !== node.tag);
  return tags.includes(node.tag) ? tags : [...tags, node.tag];
}

export const addTag = defineNode({
  type: 'action.tag',
  category: 'action',
  behaviour: 'effect',
  title: 'Add tag',
  description: 'Adds a tag to the customer (or removes it), e.g. "vip".',
  icon: 'tag',
  schema: TagNode,
  create: (id) => ({ id, type: 'action.tag', position: { x: 0, y: 0 }, tag: 'engaged', remove: false }),
  sample: (id) => ({ id, type: 'action.tag', tag: 'seen' }),
  summary: (n) => `${n.remove ? 'remove' : 'add'} ${quote(n.tag)}`,
  outputs: () => [NEXT],
  effect: { failureOutput: () => 'next' },
  simulate: (n, ctx) => ({
    output: 'next',
    status: 'done',
    reason: `${n.remove ? 'removed' : 'added'} tag ${n.tag}`,
    attributes: { tags: applyTag(ctx.facts.attributes.tags, n) },
  }),
});
