/**
 * Sets one customer attribute from a Liquid template (its node: update-attribute.ts). Node only:
 * the worker's `runAction` runs it.
 */
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { liveIdSql } from '../../customer/live.js';
import { mergeAttributes } from '../../customer/merge-attributes.js';
import { TX_OPTIONS } from '../../delivery/claim.js';
import { coerceAttribute } from '@cairn/core/internal/nodes/action/update-attribute';
import { segmentsAfterAttributeWrite } from '../../segments/after-write.js';
import { defineBuiltinAction } from '../../actions/contract.js';

/** The run of `action.updateAttribute`: renders and types the value, merges it, keeps segments current. */
export const updateAttributeAction = defineBuiltinAction({
  kind: 'action.updateAttribute',
  async run(ctx, node) {
    const { db, clock } = ctx.deps;
    const [row] = await db.$queryRaw<Array<{ attributes: unknown }>>`SELECT attributes FROM "Customer" WHERE id = ${liveIdSql(ctx.customerId)}`;
    if (!row) return { output: 'next', status: 'failed', reason: `unknown customer ${ctx.customerId}` };
    const attributes = (row.attributes ?? {}) as Record<string, unknown>;
    let value: string | number | boolean;
    try {
      const text = renderTemplate(node.value, renderScope(ctx.customerId, attributes, ctx.event, ctx.journey));
      value = coerceAttribute(text, node.valueType);
    } catch (err) {
      return { output: 'next', status: 'failed', reason: `${node.attribute}: ${(err as Error).message}` };
    }
    // Merged in SQL (one `||`), so an identify call landing at the same time keeps its keys.
    await db.$transaction(async (tx) => {
      await mergeAttributes(tx, ctx.customerId, { [node.attribute]: value });
      await segmentsAfterAttributeWrite(tx, ctx.customerId, [node.attribute], clock.now());
    }, TX_OPTIONS);
    return { output: 'next', status: 'done', reason: `${node.attribute} = ${JSON.stringify(value)}`, attributes: { [node.attribute]: value } };
  },
});
