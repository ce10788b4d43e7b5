/**
 * Write-key auth as Segment does it: HTTP Basic with the key as the user name and an empty
 * password. Valid keys are cached briefly; a revoked key stops working within that time.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@cairn/db';
import { unsafeCharacter } from '../validation/text.js';

const TTL_MS = 10_000;
const MAX_KEY_LENGTH = 256;

export function writeKeyFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const key = decoded.split(':')[0];
  return key || undefined;
}

export function writeKeyChecker(db: Db, clock: { now(): number } = { now: () => Date.now() }) {
  const valid = new Map<string, number>();
  // Requests that find the key unchecked (first use, or its time ran out) share one lookup.
  const checking = new Map<string, Promise<boolean>>();
  const lookUp = async (key: string): Promise<boolean> => {
    const row = await db.writeKey.findUnique({ where: { key }, select: { revokedAt: true } });
    if (!row || row.revokedAt) {
      valid.delete(key);
      return false;
    }
    valid.set(key, clock.now() + TTL_MS);
    return true;
  };
  return async function isValid(key: string | undefined): Promise<boolean> {
    // A key Cairn could never have made is not looked up: NUL would fail the query itself.
    if (!key || key.length > MAX_KEY_LENGTH || unsafeCharacter(key, 'line')) return false;
    const until = valid.get(key);
    if (until !== undefined && until > clock.now()) return true;
    let pending = checking.get(key);
    if (!pending) {
      pending = lookUp(key).finally(() => checking.delete(key));
      checking.set(key, pending);
    }
    return pending;
  };
}

/** The development key: `fixed` (CAIRN_WRITE_KEY) or the first unrevoked "development" key, created once. */
export async function ensureDevelopmentWriteKey(db: Db, fixed?: string): Promise<string> {
  if (fixed) {
    await db.writeKey.upsert({ where: { key: fixed }, create: { key: fixed, name: 'development' }, update: { revokedAt: null } });
    return fixed;
  }
  const found = await db.writeKey.findFirst({ where: { name: 'development', revokedAt: null }, orderBy: { createdAt: 'asc' } });
  if (found) return found.key;
  const key = `wk_dev_${randomBytes(16).toString('hex')}`;
  await db.writeKey.create({ data: { key, name: 'development' } });
  return key;
}
