/**
 * Activities that read or change the customer's profile. Writes go through `mergeAttributes`
 * (one `||` statement), so they never overwrite an identify call that lands at the same time.
 */
import type { Db } from '@cairn/db';
import { renderScope, renderTemplate } from '@cairn/core/internal/content/render';
import { applyTag } from '@cairn/core/internal/nodes/action/tag';
import { coerceAttribute } from '@cairn/core/internal/nodes/action/update-attribute';
import type { EffectOutcome } from '@cairn/core/internal/nodes/define';
import type { Profile } from '@cairn/core/internal/rules/facts';
import { TX_OPTIONS } from '../delivery/claim.js';
import { mergeAttributes } from '../customer/merge-attributes.js';
import { segmentsAfterAttributeWrite } from '../segments/after-write.js';
import { liveIdSql } from '../customer/live.js';
import type { TagInput, UpdateAttributeInput } from './types.js';

/** The customer's profile row (the surviving one, when this id was merged into another). */
async function profileOf(db: Db, customerId: string): Promise<{ attributes: unknown; timeZone: string | null } | undefined> {
  const [c] = await db.$queryRaw<Array<{ attributes: unknown; timeZone: string | null }>>`
    SELECT attributes, "timeZone" FROM "Customer" WHERE id = ${liveIdSql(customerId)}`;
  return c;
}

async function attributesOf(db: Db, customerId: string): Promise<Record<string, unknown> | undefined> {
  const c = await profileOf(db, customerId);
  return c ? ((c.attributes ?? {}) as Record<string, unknown>) : undefined;
}

const unknownCustomer = (id: string): EffectOutcome => ({ output: 'next', status: 'failed', reason: `unknown customer ${id}` });

export function profileActivities(deps: { db: Db; clock: { now(): number } }) {
  const { db } = deps;
  return {
    async loadProfile(input: { customerId: string }): Promise<Profile | null> {
      const c = await profileOf(db, input.customerId);
      if (!c) return null;
      return { attributes: (c.attributes ?? {}) as Record<string, unknown>, ...(c.timeZone ? { timeZone: c.timeZone } : {}) };
    },

    async updateAttribute(input: UpdateAttributeInput): Promise<EffectOutcome> {
      const attributes = await attributesOf(db, input.customerId);
      if (!attributes) return unknownCustomer(input.customerId);
      let value: string | number | boolean;
      try {
        const text = renderTemplate(input.node.value, renderScope(input.customerId, attributes, input.event, input.journey));
        value = coerceAttribute(text, input.node.valueType);
      } catch (err) {
        return { output: 'next', status: 'failed', reason: `${input.node.attribute}: ${(err as Error).message}` };
      }
      await db.$transaction(async (tx) => {
        await mergeAttributes(tx, input.customerId, { [input.node.attribute]: value });
        await segmentsAfterAttributeWrite(tx, input.customerId, [input.node.attribute], deps.clock.now());
      }, TX_OPTIONS);
      return { output: 'next', status: 'done', reason: `${input.node.attribute} = ${JSON.stringify(value)}`, attributes: { [input.node.attribute]: value } };
    },

    async tagCustomer(input: TagInput): Promise<EffectOutcome> {
      // Read-modify-write of one list: lock the row so two journeys tagging at once both land.
      const tags = await db.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<Array<{ tags: unknown }>>`SELECT attributes->'tags' AS tags FROM "Customer" WHERE id = ${liveIdSql(input.customerId)} FOR UPDATE`;
        if (rows.length === 0) return undefined;
        const next = applyTag(rows[0]?.tags, input.node);
        await mergeAttributes(tx, input.customerId, { tags: next });
        await segmentsAfterAttributeWrite(tx, input.customerId, ['tags'], deps.clock.now());
        return next;
      }, TX_OPTIONS);
      if (!tags) return unknownCustomer(input.customerId);
      return { output: 'next', status: 'done', reason: `${input.node.remove ? 'removed' : 'added'} tag ${input.node.tag}`, attributes: { tags } };
    },
  };
}
