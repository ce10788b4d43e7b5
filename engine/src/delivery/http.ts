/** One signed HTTP request, shared by the webhook provider and the webhook action. */
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign } from './hmac.js';

/** An outgoing HTTP request, signed with the secret when one is given. */
export interface SignedRequest {
  url: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'GET';
  body: string;
  headers?: Record<string, string>;
  idempotencyKey: string;
  /** Signs the body when set (GET requests sign the empty string). */
  secret?: string;
  timeoutMs?: number;
}

/** The receiver's answer to a signed request. */
export interface HttpOutcome {
  status: number;
  ok: boolean;
  body: string;
}

/** Sends the request; network errors and timeouts throw (callers decide whether to retry). */
export async function signedFetch(req: SignedRequest): Promise<HttpOutcome> {
  const body = req.method === 'GET' ? '' : req.body;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'cairn-webhook/1',
    ...req.headers,
    [IDEMPOTENCY_HEADER]: req.idempotencyKey,
  };
  if (req.secret) headers[SIGNATURE_HEADER] = sign(body, req.secret);
  const res = await fetch(req.url, {
    method: req.method,
    headers,
    ...(req.method === 'GET' ? {} : { body }),
    signal: AbortSignal.timeout(req.timeoutMs ?? 10_000),
  });
  const text = await res.text().catch(() => '');
  return { status: res.status, ok: res.ok, body: text.slice(0, 2000) };
}
