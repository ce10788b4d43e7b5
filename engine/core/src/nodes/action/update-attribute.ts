/** Action: set a customer attribute (the value may be a Liquid template). */
import { z } from 'zod';
import { defineNode, NEXT, nodeBase } from '../define.js';

export const UpdateAttributeNode = z.object({
  ...nodeBase,
  type: z.literal('action.updateAttribute'),
  attribute: z.string().min(1, 'name the attribute to set').regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and "_" only'),
  /** Liquid template, e.g. `{{ event.properties.plan }}` or a literal like `gold`. */
  value: z.string().max(10_000),
  valueType: z.enum(['string', 'number', 'boolean']).default('string'),
});
export type UpdateAttributeNode = z.infer<typeof UpdateAttributeNode>;

/** Turns the rendered text into the declared type. */
export function coerceAttribute(text: string, type: UpdateAttributeNode['valueType']): string | number | boolean {
  if (type === 'number') {
    const n = Number(text);
    // Number('') is 0: a value that rendered empty (missing data) must not become a zero.
    if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
    return n;
  }
  if (type === 'boolean') return /^(true|yes|1)$/i.test(text.trim());
  return text;
}

export const updateAttribute = defineNode({
  type: 'action.updateAttribute',
  category: 'action',
  behaviour: 'effect',
  title: 'Update attribute',
  description: 'Sets a customer attribute, e.g. stage = "customer".',
  icon: 'edit',
  schema: UpdateAttributeNode,
  create: (id) => ({
    id,
    type: 'action.updateAttribute',
    position: { x: 0, y: 0 },
    attribute: 'stage',
    value: 'customer',
    valueType: 'string',
  }),
  sample: (id) => ({ id, type: 'action.updateAttribute', attribute: 'score', value: '{{ customer.score | plus: 10 }}', valueType: 'number' }),
  attributesWritten: (n) => [n.attribute],
  summary: (n) => `${n.attribute} = ${n.value}`,
  outputs: () => [NEXT],
  effect: { failureOutput: () => 'next' },
  templates: (n) => [{ field: 'value', template: n.value }],
  simulate: (n, ctx) => {
    try {
      const value = coerceAttribute(ctx.render(n.value), n.valueType);
      return { output: 'next', status: 'done', reason: `${n.attribute} = ${JSON.stringify(value)}`, attributes: { [n.attribute]: value } };
    } catch (err) {
      return { output: 'next', status: 'failed', reason: (err as Error).message };
    }
  },
});
