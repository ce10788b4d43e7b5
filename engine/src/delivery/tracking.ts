/**
 * Opens and clicks of marketing email. When a marketing email has an HTML part, each http(s)
 * link in it (but the unsubscribe and preference links) is replaced by a signed link to Cairn,
 * `/v1/t/c/<message>.<n>.<signature>`, and a 1x1 image `/v1/t/o/<message>.o.<signature>` is added.
 * The targets stay on the message row (`tracked_links`): the redirect reads the n-th one from
 * there, never from the URL, so Cairn cannot be used as an open redirect. Tokens are signed with
 * the unsubscribe secret (HMAC-SHA256), rotations included.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The path prefix of open and click tracking links. */
export const TRACKING_PREFIX = '/v1/t/';

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`cairn-track:${body}`).digest('base64url').slice(0, 22);

/** `what`: "o" for the open pixel, a link's index for a click. */
export function trackingToken(secret: string, messageId: string, what: 'o' | number): string {
  const body = `${messageId}.${what}`;
  return `${body}.${sign(secret, body)}`;
}

/**
 * Reads a tracking link's token (any of the current or previous secrets): which message and whether an open
 * or a click, or undefined when forged.
 */
export function verifyTrackingToken(secrets: readonly string[], token: string): { messageId: string; what: 'o' | number } | undefined {
  const m = /^([A-Za-z0-9_-]{1,64})\.(o|\d{1,4})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return undefined;
  const [, messageId, what, signature] = m as unknown as [string, string, string, string];
  const got = Buffer.from(signature);
  const ok = secrets.some((s) => {
    const want = Buffer.from(sign(s, `${messageId}.${what}`));
    return want.length === got.length && timingSafeEqual(want, got);
  });
  return ok ? { messageId, what: what === 'o' ? 'o' : Number(what) } : undefined;
}

const unescapeAttr = (s: string) => s.replace(/&amp;/g, '&').replace(/&#38;/g, '&').replace(/&quot;/g, '"').replace(/&#34;/g, '"');

/** The HTML with tracked links and the open pixel, and the original targets by index. */
export function trackEmail(html: string, opts: { baseUrl: string; secret: string; messageId: string; skip: readonly string[] }): { html: string; links: string[] } {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const links: string[] = [];
  const skip = new Set(opts.skip);
  let out = html.replace(/(<a\b[^>]*?\bhref=")(https?:\/\/[^"]+)(")/gi, (whole, before: string, href: string, after: string) => {
    const target = unescapeAttr(href);
    if (skip.has(target) || links.length >= 1000) return whole;
    links.push(target);
    return `${before}${base}${TRACKING_PREFIX}c/${trackingToken(opts.secret, opts.messageId, links.length - 1)}${after}`;
  });
  const pixel = `<img src="${base}${TRACKING_PREFIX}o/${trackingToken(opts.secret, opts.messageId, 'o')}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
  out = /<\/body>/i.test(out) ? out.replace(/<\/body>/i, `${pixel}</body>`) : `${out}${pixel}`;
  return { html: out, links };
}
