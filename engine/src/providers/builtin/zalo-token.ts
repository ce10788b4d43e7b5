/**
 * The Zalo Official Account's access token, renewed as Zalo documents (OAuth v4 for OA): an
 * access token lasts about 25 hours; `POST https://oauth.zaloapp.com/v4/oa/access_token` with the
 * app's `secret_key` header and `refresh_token`, `app_id`, `grant_type=refresh_token` answers a
 * new access token AND a new refresh token, the old one spent. So the pair is kept in the
 * database (`provider.zalo.oauth`), shared by every worker: whoever renews writes the new pair,
 * the others read it, and a worker that lost the race finds the fresh pair instead of spending a
 * dead refresh token.
 *
 * Without ZALO_REFRESH_TOKEN and ZALO_APP_SECRET, ZALO_ACCESS_TOKEN is used as it is (renew it
 * yourself).
 */
import { PermanentSendError } from '../../delivery/provider.js';
import type { ProviderStore } from '../define-provider.js';

export interface ZaloTokenEnv {
  ZALO_ACCESS_TOKEN: string;
  ZALO_APP_ID?: string | undefined;
  ZALO_APP_SECRET?: string | undefined;
  ZALO_REFRESH_TOKEN?: string | undefined;
}

interface Pair {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

const EARLY_MS = 10 * 60_000;

export interface ZaloTokens {
  /** The token to call with now. */
  current(): Promise<string>;
  /** Zalo refused `stale`: a fresh one (renewed here, or by another worker meanwhile); undefined when renewing is not set up. */
  renew(stale: string): Promise<string | undefined>;
}

export function zaloTokens(env: ZaloTokenEnv, store: ProviderStore, oauthUrl: string): ZaloTokens {
  const renewable = Boolean(env.ZALO_REFRESH_TOKEN && env.ZALO_APP_SECRET && env.ZALO_APP_ID);
  let pending: Promise<string> | undefined;

  const refresh = async (stale: string | undefined): Promise<string> => {
    const saved = await store.get<Pair>('oauth');
    // Another worker renewed since `stale` was read: use its pair, its refresh token is the live one.
    if (saved && saved.accessToken !== stale && saved.expiresAt - EARLY_MS > Date.now()) return saved.accessToken;
    const res = await fetch(oauthUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: env.ZALO_APP_SECRET ?? '' },
      body: new URLSearchParams({ refresh_token: saved?.refreshToken ?? env.ZALO_REFRESH_TOKEN ?? '', app_id: env.ZALO_APP_ID ?? '', grant_type: 'refresh_token' }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status >= 500 || res.status === 429) throw new Error(`Zalo's OAuth server answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string; error_description?: string };
    if (!body.access_token || !body.refresh_token) {
      // A spent or revoked refresh token, a wrong app secret: a person must authorise the OA again.
      throw new PermanentSendError(`Zalo could not renew the OA access token (${body.error ?? res.status}: ${body.error_description ?? body.error_name ?? 'no token'}): set a new ZALO_REFRESH_TOKEN`);
    }
    const pair: Pair = { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + Number(body.expires_in ?? 90_000) * 1000 };
    await store.set('oauth', pair);
    return pair.accessToken;
  };

  const once = (stale: string | undefined) => (pending ??= refresh(stale).finally(() => (pending = undefined)));

  return {
    async current() {
      if (!renewable) return env.ZALO_ACCESS_TOKEN;
      const saved = await store.get<Pair>('oauth');
      // Before the first renewal, the token from the environment (its expiry unknown: renewed when Zalo refuses it).
      if (!saved) return env.ZALO_ACCESS_TOKEN;
      return saved.expiresAt - EARLY_MS > Date.now() ? saved.accessToken : once(saved.accessToken);
    },
    async renew(stale) {
      return renewable ? once(stale) : undefined;
    },
  };
}
