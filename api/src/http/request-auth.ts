/**
 * Who a /trpc or /api request is: an API key (`Authorization: Bearer <token>`, which then wins
 * over any cookie) or a signed-in session (the cookie). A Bearer token that names no live key
 * leaves the request signed out, with the reason for the UNAUTHORIZED answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@cairn/db';
import { bearerFrom, keyOfToken, keyUser } from '../auth/api-keys.js';
import { cookieName, parseCookies } from '../auth/cookies.js';
import { auditKeyCall } from '../auth/key-audit.js';
import { userOfToken } from '../auth/sessions.js';
import type { SignInThrottle } from '../auth/throttle.js';
import type { ApiContext } from '../trpc.js';

export interface RequestAuthOptions {
  base: ApiContext;
  secure: boolean;
  throttle: SignInThrottle;
  log: (m: string) => void;
}

export async function contextOf(opts: RequestAuthOptions, req: IncomingMessage, res: ServerResponse): Promise<ApiContext> {
  const { base, secure, throttle } = opts;
  const now = base.clock.now();
  const http = {
    secure,
    throttle,
    address: req.socket.remoteAddress ?? '',
    userAgent: String(req.headers['user-agent'] ?? ''),
    setCookie: (value: string) => res.appendHeader('Set-Cookie', value),
  };
  const bearer = bearerFrom(req.headers.authorization);
  if (bearer !== undefined) {
    const key = await keyOfToken(base.db, bearer);
    if (!key) return { ...base, http, authProblem: 'the API key is unknown or revoked' };
    const ctx: ApiContext = { ...base, http, user: keyUser(key), apiKey: key };
    auditKeyCall(base.db, key, ctx, req, res, opts.log, () => base.clock.now());
    return ctx;
  }
  const signedIn = await userOfToken(base.db as Db, parseCookies(req.headers.cookie).get(cookieName(secure)), now);
  return { ...base, user: signedIn?.user, http: { ...http, ...(signedIn ? { sessionId: signedIn.sessionId } : {}) } };
}
