/**
 * App push through Firebase Cloud Messaging's HTTP v1 API, as Google documents it, with
 * node:crypto instead of `firebase-admin` (one request to sign and one to send do not need the
 * SDK's 30 MB):
 * - OAuth 2.0 for service accounts: a JWT (RS256, signed with the service account's private
 *   key; iss = client_email, scope firebase.messaging, aud = the key's `token_uri`) is exchanged
 *   at `token_uri` (grant_type jwt-bearer) for an access token, kept until a minute before it
 *   expires;
 * - `POST https://fcm.googleapis.com/v1/projects/{project_id}/messages:send` with
 *   `{ message: { token, notification: { title, body }, data } }`, answered `{ name }` (the id).
 *
 * A customer's push address (`pushToken`) is their app's FCM registration token (set by the app
 * through the ingest: `identify` trait `pushToken`). FCM's `UNREGISTERED` (404; the app was
 * removed, the token expired) forgets the token (`AddressGoneError`): later sends record
 * `no_address` until the app registers again. Other 4xx are permanent; 401 drops the access token
 * and is retried with a fresh one; 429 and 5xx are retried.
 *
 * FCM takes no idempotency key: a repeat after a crash is sent again, but it carries the same
 * collapse key (Android `collapse_key`, APNs `apns-collapse-id`, from the idempotency key), so
 * a device that has not shown the first yet shows one.
 */
import { createHash, createHmac, createSign, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AddressGoneError, PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider } from '../define-provider.js';

/** The fields of a service account key file (Firebase console → Project settings → Service accounts) that are used. */
export const ServiceAccount = z.object({
  type: z.literal('service_account').optional(),
  project_id: z.string().min(1),
  client_email: z.string().min(3),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

const FcmEnv = z.object({
  /**
   * The service account key, the JSON file's content (kept as a secret). Checked here, parsed
   * where used: the settings are parsed twice (common schema, then the provider's), so the
   * variable stays a string.
   */
  FCM_SERVICE_ACCOUNT: z.string().superRefine((text, ctx) => {
    const why = serviceAccountProblem(text);
    if (why) ctx.addIssue({ code: 'custom', message: `FCM_SERVICE_ACCOUNT ${why}` });
  }),
  /** Another base URL for the FCM API (default https://fcm.googleapis.com): a local stand-in in tests. */
  FCM_API_URL: z.url({ error: 'FCM_API_URL must be a URL' }).optional(),
});

function serviceAccountProblem(text: string): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'must be the service account key file’s JSON';
  }
  const r = ServiceAccount.safeParse(raw);
  return r.success ? undefined : `is not a service account key: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}

/** The service account of a variable that passed `serviceAccountProblem`. */
export function serviceAccountOf(text: string): ServiceAccount {
  return ServiceAccount.parse(JSON.parse(text));
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/** A JWT for Google's OAuth 2.0 token endpoint, signed RS256 with the service account's key. */
export function serviceAccountAssertion(sa: ServiceAccount, nowSeconds: number): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = b64({ alg: 'RS256', typ: 'JWT', ...(sa.private_key_id ? { kid: sa.private_key_id } : {}) });
  const claims = b64({ iss: sa.client_email, scope: SCOPE, aud: sa.token_uri, iat: nowSeconds, exp: nowSeconds + 3600 });
  const signature = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(sa.private_key).toString('base64url');
  return `${head}.${claims}.${signature}`;
}

/** Access tokens per service account, refreshed a minute before they expire. */
function accessTokens(sa: ServiceAccount) {
  let current: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const res = await fetch(sa.token_uri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: serviceAccountAssertion(sa, now) }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) {
      const why = `Google's token endpoint answered ${res.status}: ${text.slice(0, 200)}`;
      // invalid_grant / unauthorized_client: the key is revoked or wrong; no retry will help.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentSendError(why);
      throw new Error(why);
    }
    const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error('Google\'s token endpoint answered no access_token');
    current = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000 };
    return body.access_token;
  };
  return {
    async get(): Promise<string> {
      if (current && current.until > Date.now()) return current.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    drop() {
      current = undefined;
    },
  };
}

interface FcmErrorBody {
  error?: { code?: number; message?: string; status?: string; details?: Array<{ '@type'?: string; errorCode?: string }> };
}

export const fcmProviderDefinition = defineProvider({
  name: 'fcm',
  title: 'Firebase Cloud Messaging',
  description: 'App push (Android, iOS, web apps) through FCM’s HTTP v1 API; dead tokens are forgotten.',
  channels: ['push'],
  env: FcmEnv,
  settings: z.object({
    /** Android notification channel the app declared (Android 8+); empty: the app's default. */
    androidChannelId: z.string().max(100).optional(),
    /** How long FCM keeps a message for an offline device (seconds, up to 28 days). */
    ttlSeconds: z.number().int().min(0).max(2_419_200).default(86_400),
    priority: z.enum(['normal', 'high']).default('high'),
  }),
  create({ env, settings, inboundUrl }) {
    const sa = serviceAccountOf(env.FCM_SERVICE_ACCOUNT);
    const tokens = accessTokens(sa);
    const base = (env.FCM_API_URL ?? 'https://fcm.googleapis.com').replace(/\/+$/, '');
    const endpoint = `${base}/v1/projects/${encodeURIComponent(sa.project_id)}/messages:send`;
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'push') throw new PermanentSendError(`FCM carries push only, not ${message.channel}`);
        if (message.to.trim().startsWith('{')) throw new PermanentSendError('the customer’s push address is a browser subscription: choose Web Push for the push channel, or register an FCM token');
        const { title = '', body = '', url = '' } = message.content;
        const collapse = createHash('sha256').update(message.idempotencyKey).digest('base64url').slice(0, 32);
        const click = message.messageId ? `${inboundUrl('click')}?m=${encodeURIComponent(message.messageId)}&t=${clickToken(sa, message.messageId)}` : '';
        const payload = {
          message: {
            token: message.to,
            notification: { title, body },
            // Data values must be strings; the app opens `url` and POSTs `click` when tapped.
            data: { url, ...(message.messageId ? { messageId: message.messageId } : {}), ...(click ? { click } : {}) },
            android: { collapse_key: collapse, priority: settings.priority === 'high' ? 'HIGH' : 'NORMAL', ttl: `${settings.ttlSeconds}s`, ...(settings.androidChannelId ? { notification: { channel_id: settings.androidChannelId } } : {}) },
            apns: { headers: { 'apns-collapse-id': collapse, 'apns-priority': settings.priority === 'high' ? '10' : '5', 'apns-expiration': String(Math.floor(Date.now() / 1000) + settings.ttlSeconds) } },
          },
        };
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokens.get()}` },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.ok) return { providerId: (JSON.parse(text) as { name?: string }).name ?? `fcm:${res.status}` };
        let err: FcmErrorBody['error'] = {};
        try {
          err = (JSON.parse(text) as FcmErrorBody).error ?? {};
        } catch {
          /* not JSON: the status says enough */
        }
        const code = err.details?.find((d) => d.errorCode)?.errorCode ?? err.status ?? '';
        const why = `FCM ${res.status}${code ? ` ${code}` : ''}: ${(err.message ?? text).slice(0, 200)}`;
        if (code === 'UNREGISTERED') throw new AddressGoneError(`the app's FCM token is no longer valid (${why}): the app must register again`);
        if (res.status === 401) {
          tokens.drop();
          throw new Error(why);
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentSendError(why);
        throw new Error(why);
      },
    };
  },
  inbound: {
    /** The app's report of a tap on a notification: the signed `click` link in the message's data. */
    click: {
      verify(req, env) {
        const url = new URL(req.url);
        const m = url.searchParams.get('m');
        const t = url.searchParams.get('t');
        if (!m || !t || req.method !== 'POST') return false;
        const want = Buffer.from(clickToken(serviceAccountOf(env.FCM_SERVICE_ACCOUNT), m));
        const got = Buffer.from(t);
        return want.length === got.length && timingSafeEqual(want, got);
      },
      async handle(req, ctx) {
        await ctx.messageEvent({ messageId: new URL(req.url).searchParams.get('m') ?? '', name: 'Push Clicked' });
        return { status: 204, body: '' };
      },
    },
  },
});

/** The click link's signature: HMAC-SHA256 of the message id under a key derived from the service account's private key. */
function clickToken(sa: ServiceAccount, messageId: string): string {
  const key = createHash('sha256').update(`cairn-fcm-click:${sa.private_key}`).digest();
  return createHmac('sha256', key).update(messageId).digest('base64url').slice(0, 32);
}

