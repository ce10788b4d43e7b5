/**
 * The secret that signs unsubscribe links. UNSUBSCRIBE_SECRET when set (several, comma-separated,
 * newest first, to rotate); otherwise one generated on first use and kept in the database, so the
 * worker that signs and the API that verifies agree with no configuration.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@cairn/db';

const KEY = 'unsubscribe-secret';

/**
 * The secret new unsubscribe links are signed with, and every secret still accepted (the current one and
 * previous ones).
 */
export interface UnsubscribeSecrets {
  /** Signs new links. */
  current: string;
  /** Verifies links (current first). */
  all: string[];
}

/** `env`: the parsed settings (UNSUBSCRIBE_SECRET), passed down from start-up. */
export async function unsubscribeSecrets(db: Pick<Db, 'workspaceSetting'>, env: { UNSUBSCRIBE_SECRET?: string | undefined }): Promise<UnsubscribeSecrets> {
  const fromEnv = (env.UNSUBSCRIBE_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (fromEnv.length > 0) {
    const short = fromEnv.find((s) => s.length < 16);
    if (short !== undefined) throw new Error('UNSUBSCRIBE_SECRET: every secret must have at least 16 characters');
    return { current: fromEnv[0] as string, all: fromEnv };
  }
  const found = await db.workspaceSetting.findUnique({ where: { key: KEY } });
  if (found && typeof found.value === 'string') return { current: found.value, all: [found.value] };
  const fresh = randomBytes(32).toString('base64url');
  // Two processes starting together: the first insert wins, both read it back.
  await db.workspaceSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: fresh }, update: {} });
  const row = await db.workspaceSetting.findUniqueOrThrow({ where: { key: KEY } });
  const value = row.value as string;
  return { current: value, all: [value] };
}
