/**
 * The profile the workflow reads after a timer (bookkeeping, run as a local activity). Writes to
 * the profile are built-in actions (nodes/action/tag.run.node.ts, update-attribute.run.node.ts).
 */
import type { Db } from '@cairn/db';
import type { Profile } from '@cairn/core/internal/rules/facts';
import { liveIdSql } from '../customer/live.js';

/** The customer's profile row (the surviving one, when this id was merged into another). */
async function profileOf(db: Db, customerId: string): Promise<{ attributes: unknown; timeZone: string | null } | undefined> {
  const [c] = await db.$queryRaw<Array<{ attributes: unknown; timeZone: string | null }>>`
    SELECT attributes, "timeZone" FROM "Customer" WHERE id = ${liveIdSql(customerId)}`;
  return c;
}

export function profileActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    async loadProfile(input: { customerId: string }): Promise<Profile | null> {
      const c = await profileOf(db, input.customerId);
      if (!c) return null;
      return { attributes: (c.attributes ?? {}) as Record<string, unknown>, ...(c.timeZone ? { timeZone: c.timeZone } : {}) };
    },
  };
}
