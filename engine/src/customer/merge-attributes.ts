/**
 * The one writer of customer attributes. Every change to `Customer.attributes` (an activity's
 * update, a tag, a custom action's result, an identify call's traits) goes through here: one
 * `UPDATE … SET attributes = attributes || patch`, so PostgreSQL merges under the row's lock and
 * two writers landing at the same time both keep their keys. Reading the attributes, spreading
 * the patch in JavaScript and writing the whole object back loses whichever write came first.
 */
import type { Db } from '@cairn/db';
import { liveIdSql } from './live.js';

/** The database, or a transaction of it (anything that can run a raw statement). */
export type AttributeWriter = Pick<Db, '$executeRaw'>;

/**
 * Merges `patch` into the customer's attributes (top-level keys replace, others stay) and
 * touches `updatedAt`. A merged id writes to the surviving profile (customer/live.ts). Returns false when no customer has that id (nothing is written).
 *
 * @example
 * await mergeAttributes(db, 'c-1', { plan: 'pro' }); // { locale: 'fr' } becomes { locale: 'fr', plan: 'pro' }
 */
export async function mergeAttributes(db: AttributeWriter, customerId: string, patch: Record<string, unknown>): Promise<boolean> {
  // A row whose attributes are not an object (old data, a bad import) is replaced by the patch:
  // `||` on a JSON scalar would build an array.
  const n = await db.$executeRaw`
    UPDATE "Customer"
       SET attributes = CASE WHEN jsonb_typeof(attributes) = 'object' THEN attributes ELSE '{}'::jsonb END || ${JSON.stringify(patch)}::jsonb,
           "updatedAt" = now()
     WHERE id = ${liveIdSql(customerId)}`;
  return n > 0;
}
