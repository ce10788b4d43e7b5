/**
 * The workspace's identity setting: whether customers with the same email or phone merge by
 * themselves (off by default). Off, nothing merges by address; the customer page lists the
 * profiles that share one as possible duplicates, for an admin to merge (docs/identity.md).
 */
import type { Db, Prisma } from '@cairn/db';
import { z } from 'zod';

export const IDENTITY_SETTINGS_KEY = 'identity';

export const IdentitySettings = z.object({
  /** Merge two known customers when an identify, the CSV import or the customers API gives one the other's email or phone. */
  mergeOnSameAddress: z.boolean().default(false),
});
export type IdentitySettings = z.infer<typeof IdentitySettings>;

export async function loadIdentitySettings(db: Pick<Db, 'workspaceSetting'> | Pick<Prisma.TransactionClient, 'workspaceSetting'>): Promise<IdentitySettings> {
  const row = await (db as Pick<Db, 'workspaceSetting'>).workspaceSetting.findUnique({ where: { key: IDENTITY_SETTINGS_KEY } });
  const parsed = IdentitySettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : IdentitySettings.parse({});
}

export async function saveIdentitySettings(db: Pick<Db, 'workspaceSetting'>, settings: IdentitySettings): Promise<IdentitySettings> {
  await db.workspaceSetting.upsert({ where: { key: IDENTITY_SETTINGS_KEY }, create: { key: IDENTITY_SETTINGS_KEY, value: settings }, update: { value: settings } });
  return settings;
}
