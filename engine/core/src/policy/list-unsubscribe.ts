/**
 * The one-click unsubscribe headers of RFC 8058 (with RFC 2369's List-Unsubscribe). Mail
 * providers POST "List-Unsubscribe=One-Click" to the HTTPS URI without cookies or redirects, so
 * the URL itself must identify the recipient: it carries the signed token.
 */

export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

/** What the List-Unsubscribe headers of an email are built from. */
export interface ListUnsubscribeInput {
  /** The https URL of the one-click endpoint, token included. */
  url: string;
  /** Optional mailto: fallback for clients that only speak RFC 2369. */
  mailto?: string;
  /** Accept http:// for localhost and 127.0.0.1 (development); RFC 8058 requires https otherwise. */
  allowLocalHttp?: boolean;
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

function checkUri(raw: string, allowLocalHttp: boolean): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`List-Unsubscribe: not a URL: ${raw}`);
  }
  if (u.protocol !== 'https:' && !(allowLocalHttp && u.protocol === 'http:' && LOCAL.has(u.hostname))) {
    throw new Error(`List-Unsubscribe: one-click needs an https URL (RFC 8058), got ${u.protocol}`);
  }
  // Angle brackets and commas delimit the header's list; whitespace would be folded.
  if (/[<>,\s]/.test(u.href)) throw new Error('List-Unsubscribe: the URL must not contain "<", ">", "," or spaces');
  return u.href;
}

/** The two headers for a marketing email. */
export function listUnsubscribeHeaders(input: ListUnsubscribeInput): Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string> {
  const uris = [`<${checkUri(input.url, input.allowLocalHttp ?? false)}>`];
  if (input.mailto) {
    if (!/^mailto:[^<>,\s]+$/.test(input.mailto)) throw new Error(`List-Unsubscribe: bad mailto URI: ${input.mailto}`);
    uris.push(`<${input.mailto}>`);
  }
  return { 'List-Unsubscribe': uris.join(', '), 'List-Unsubscribe-Post': ONE_CLICK_BODY };
}

/** `${base}/u/${token}`: the link in the footer and in the header (tokens are URL-safe). */
export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/u/${encodeURIComponent(token)}`;
}

/**
 * Whether a POST body is RFC 8058's one-click request. Providers send it form-encoded
 * (application/x-www-form-urlencoded or multipart/form-data); accept it with or without a
 * trailing newline and with other fields alongside.
 */
export function isOneClickBody(body: string | Record<string, unknown>): boolean {
  if (typeof body !== 'string') return body['List-Unsubscribe'] === 'One-Click';
  return new URLSearchParams(body.trim()).get('List-Unsubscribe') === 'One-Click';
}
