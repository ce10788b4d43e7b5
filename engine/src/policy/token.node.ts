/**
 * Signed unsubscribe tokens (Node only: uses node:crypto). Format, version 1:
 *
 *   u1.<payload>.<signature>
 *
 * payload = base64url(JSON of the wire claims), signature = base64url(HMAC-SHA256(secret,
 * "cairn-unsubscribe.u1." + payload)). The domain prefix keeps a signature made here from ever
 * matching one made with the same secret elsewhere (webhook signing). Verification compares the
 * expected signature *string* in constant time, so a changed character is rejected even where
 * base64url's unused trailing bits would decode to the same bytes. Several secrets may be given
 * to verify (newest first) so a secret can be rotated without breaking links already sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromWire, toWire, UnsubscribeClaims, WireClaims } from '@cairn/core/internal/policy/unsubscribe-claims';

/** The version prefix of unsubscribe tokens, so the format can change without breaking old links. */
export const TOKEN_VERSION = 'u1';
const DOMAIN = `cairn-unsubscribe.${TOKEN_VERSION}.`;
const MAX_TOKEN_LENGTH = 1024;
const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * An unsubscribe token checked: its claims, or why it was refused (malformed, unknown version, bad
 * signature, expired, invalid claims).
 */
export type VerifyResult =
  | { ok: true; claims: UnsubscribeClaims }
  | { ok: false; error: 'malformed' | 'unknown-version' | 'bad-signature' | 'expired' | 'invalid-claims' };

function checkSecret(secret: string): void {
  if (secret.length < 16) throw new Error('unsubscribe secret must be at least 16 characters');
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(DOMAIN + payload).digest('base64url');
}

/** A token for the unsubscribe link of one message. */
export function signUnsubscribeToken(claims: UnsubscribeClaims, secret: string): string {
  checkSecret(secret);
  const payload = Buffer.from(JSON.stringify(toWire(UnsubscribeClaims.parse(claims)))).toString('base64url');
  return `${TOKEN_VERSION}.${payload}.${mac(payload, secret)}`;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Lengths are public (every valid signature has 43 characters); only content is compared in constant time.
  return x.length === y.length && timingSafeEqual(x, y);
}

/** How an unsubscribe token is checked: its greatest age and the time it is checked at. */
export interface VerifyOptions {
  /** Reject tokens older than this (ms). Unsubscribe links normally never expire. */
  maxAgeMs?: number;
  now?: number;
}

/** Check a token against one secret or several (rotation); never throws on bad input. */
export function verifyUnsubscribeToken(token: string, secrets: string | readonly string[], opts: VerifyOptions = {}): VerifyResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, error: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, error: 'malformed' };
  const [version, payload, signature] = parts as [string, string, string];
  if (version !== TOKEN_VERSION) return { ok: false, error: 'unknown-version' };
  if (!B64URL.test(payload) || !B64URL.test(signature)) return { ok: false, error: 'malformed' };

  const list = typeof secrets === 'string' ? [secrets] : secrets;
  let valid = false;
  for (const secret of list) {
    checkSecret(secret);
    // No early exit: the time taken does not tell which secret matched.
    if (sameString(mac(payload, secret), signature)) valid = true;
  }
  if (!valid) return { ok: false, error: 'bad-signature' };

  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: 'invalid-claims' };
  }
  const parsed = WireClaims.safeParse(wire);
  if (!parsed.success) return { ok: false, error: 'invalid-claims' };
  const claims = fromWire(parsed.data);
  if (opts.maxAgeMs !== undefined && (opts.now ?? Date.now()) - claims.issuedAt > opts.maxAgeMs) return { ok: false, error: 'expired' };
  return { ok: true, claims };
}
