/** Adds or removes a tag in the customer's `tags` attribute (its node: tag.ts). Node only: the worker's `runAction` runs it. */
import { liveIdSql } from '../../customer/live.js';
import { mergeAttributes } from '../../customer/merge-attributes.js';
import { TX_OPTIONS } from '../../delivery/claim.js';
import { applyTag } from '@cairn/core/internal/nodes/action/tag';
import { segmentsAfterAttributeWrite } from '../../segments/after-write.js';
import { defineBuiltinAction } from '../../actions/contract.js';

/** The run of `action.tag`: one locked read-modify-write of the `tags` list, segments kept current. */
export const tagAction = defineBuiltinAction({
  kind: 'action.tag',
  async run(ctx, node) {
    const { db, clock } = ctx.deps;
    // Read-modify-write of one list: lock the row so two journeys tagging at once both land.
    const tags = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ tags: unknown }>>`SELECT attributes->'tags' AS tags FROM "Customer" WHERE id = ${liveIdSql(ctx.customerId)} FOR UPDATE`;
      if (rows.length === 0) return undefined;
      const next = applyTag(rows[0]?.tags, node);
      await mergeAttributes(tx, ctx.customerId, { tags: next });
      await segmentsAfterAttributeWrite(tx, ctx.customerId, ['tags'], clock.now());
      return next;
    }, TX_OPTIONS);
    if (!tags) return { output: 'next', status: 'failed', reason: `unknown customer ${ctx.customerId}` };
    return { output: 'next', status: 'done', reason: `${node.remove ? 'removed' : 'added'} tag ${node.tag}`, attributes: { tags } };
  },
});
