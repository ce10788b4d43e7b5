/**
 * HMAC-SHA256 signatures for outgoing webhooks. The receiver recomputes the HMAC of the raw body
 * with the shared secret and compares it with `X-Cairn-Signature` ("sha256=<hex>").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Cairn-Signature';
export const IDEMPOTENCY_HEADER = 'X-Cairn-Idempotency-Key';

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
