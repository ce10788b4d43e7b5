/**
 * HMAC-SHA256 signatures for outgoing webhooks. The receiver recomputes the HMAC of the raw body
 * with the shared secret and compares it with `X-Cairn-Signature` ("sha256=<hex>").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the body's HMAC signature on outgoing webhooks. */
export const SIGNATURE_HEADER = 'X-Cairn-Signature';
/** The header carrying the key a receiver uses to drop a repeated webhook. */
export const IDEMPOTENCY_HEADER = 'X-Cairn-Idempotency-Key';

/** The HMAC-SHA256 signature (hex) of a body with a secret, as sent in `X-Cairn-Signature`. */
export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Constant-time check of a signature header against the body (for receivers and tests). */
export function verify(body: string, secret: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(sign(body, secret));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}
