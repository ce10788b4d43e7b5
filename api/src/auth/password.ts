/**
 * Password hashing with scrypt (node:crypto): memory-hard, so a stolen User table costs an
 * attacker real time per guess. Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url),
 * so the cost can be raised later and old hashes still verify (`needsRehash` tells when to
 * re-store one at the next sign-in).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  /** log2 of N (CPU/memory cost). 15 → 32 MiB and ~50–100 ms per hash on one core. */
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { logN: 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Passwords people choose: at least 10 characters, at most 256 (scrypt does not care, but a body limit should). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 128 * N * cost.r * cost.p + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Parsed {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4] as string, 'base64url');
  const key = Buffer.from(parts[5] as string, 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return undefined;
  return { cost: { logN, r, p }, salt, key };
}

/** True when `password` matches `stored`. A malformed `stored` never matches (and never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

/** True when `stored` was made with a cost other than `cost`: hash the password again on sign-in. */
export function needsRehash(stored: string, cost: ScryptCost = DEFAULT_COST): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.logN !== cost.logN || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
}

/**
 * A hash of nothing anyone knows, verified against when the email is unknown, so "no such user"
 * and "wrong password" take the same time and a sign-in form cannot be used to list accounts.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword(randomBytes(16).toString('hex')));
}

/** Why a new password is refused, or undefined when it is fine. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `the password needs at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `the password can have at most ${PASSWORD_MAX} characters`;
  if (new Set(password).size < 4) return 'the password repeats too few characters';
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '\u0000') && (email.split('@')[0]?.length ?? 0) >= 4)
    return 'the password must not contain the email name';
  return undefined;
}
