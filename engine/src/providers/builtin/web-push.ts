/**
 * Web Push (RFC 8030 delivery, RFC 8291 message encryption, RFC 8292 VAPID) with the `web-push`
 * package: it signs the VAPID JWT and encrypts the payload (aes128gcm); the request goes out
 * through `fetch`. The VAPID key pair is generated on first start and kept in the database
 * (or given as VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY).
 *
 * A customer's address on the push channel is their browser's PushSubscription (JSON, in
 * `pushToken`), recorded by the `subscribe` hook that the browser snippet (`snippet.js`) calls
 * with the workspace's write key. Endpoints are accepted only on the push services listed in the
 * settings (the browsers' own by default): the write key is public, and a subscription must not
 * turn Cairn into a client of any URL someone registers.
 *
 * Repeats: the RFC 8030 Topic header is derived from the idempotency key, so a resend after a
 * crash replaces the first one if the push service still holds it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AddressGoneError, PermanentSendError, type OutboundMessage } from '../../delivery/provider.js';
import { defineProvider, type InboundReply } from '../define-provider.js';

/** The push services of Chrome/Edge (FCM), Firefox (Mozilla autopush), Edge legacy (WNS) and Safari (Apple). */
export const BROWSER_PUSH_SERVICES = ['fcm.googleapis.com', 'push.services.mozilla.com', 'notify.windows.com', 'push.apple.com'];

const WebPushEnv = z.object({
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,90}$/, 'VAPID_PUBLIC_KEY must be a base64url P-256 public key (web-push generate-vapid-keys)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,45}$/, 'VAPID_PRIVATE_KEY must be a base64url P-256 private key').optional(),
  /** The default contact the push services see (VAPID "sub"): mailto: or https:. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:)/, 'VAPID_SUBJECT must start with mailto: or https:').optional(),
});
type WebPushEnv = z.infer<typeof WebPushEnv>;

const Settings = z.object({
  subject: z.string().regex(/^(mailto:|https:)/, 'a mailto: address or an https: URL the push services can contact').default('mailto:admin@localhost'),
  /** How long a push service keeps a message for an offline browser (RFC 8030 TTL). */
  ttlSeconds: z.number().int().min(0).max(2_419_200).default(86_400),
  urgency: z.enum(['very-low', 'low', 'normal', 'high']).default('normal'),
  /** Push service hosts subscriptions may point at (a host or its subdomains). */
  endpointHosts: z.array(z.string().min(1)).min(1).default(BROWSER_PUSH_SERVICES),
});
type Settings = z.infer<typeof Settings>;

/** A browser's PushSubscription, as `subscription.toJSON()` gives it. */
export const PushSubscription = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,90}=*$/), auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}=*$/) }),
});

type Keep = <T>(key: string, make: () => T | Promise<T>) => Promise<T>;
interface VapidKeys { publicKey: string; privateKey: string }

async function vapidKeys(env: WebPushEnv, keep: Keep): Promise<VapidKeys> {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  const { default: webpush } = await import('web-push');
  return keep<VapidKeys>('vapid', () => webpush.generateVAPIDKeys());
}

function allowedEndpoint(endpoint: string, hosts: readonly string[]): boolean {
  const host = new URL(endpoint).hostname;
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

export const webPushProviderDefinition = defineProvider({
  name: 'web-push',
  title: 'Web Push',
  description: 'Browser notifications (Chrome, Firefox, Edge, Safari) through the browsers’ push services, VAPID-signed and encrypted.',
  channels: ['push'],
  env: WebPushEnv,
  settings: Settings,
  settingsFromEnv: (env) => (env.VAPID_SUBJECT ? { subject: env.VAPID_SUBJECT } : {}),
  async create({ env, settings, keep, inboundUrl }) {
    const { default: webpush } = await import('web-push');
    const vapid = await vapidKeys(env, keep);
    return {
      async send(message: OutboundMessage) {
        if (message.channel !== 'push') throw new PermanentSendError(`Web Push carries push only, not ${message.channel}`);
        const subscription = parseSubscription(message.to);
        if (!allowedEndpoint(subscription.endpoint, settings.endpointHosts)) throw new PermanentSendError(`the subscription's push service ${new URL(subscription.endpoint).host} is not in the allowed list`);
        const { title = '', body = '', url = '' } = message.content;
        // The service worker reports a click to this signed URL ("Push Clicked").
        const click = message.messageId ? `${inboundUrl('click')}?m=${encodeURIComponent(message.messageId)}&t=${clickToken(vapid, message.messageId)}` : undefined;
        const payload = JSON.stringify({ title, body, url, tag: message.messageId ?? message.idempotencyKey, ...(click ? { click } : {}) });
        const details = webpush.generateRequestDetails(subscription, payload, {
          vapidDetails: { subject: settings.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
          TTL: settings.ttlSeconds,
          urgency: settings.urgency,
          topic: createHash('sha256').update(message.idempotencyKey).digest('base64url').slice(0, 32),
          contentEncoding: 'aes128gcm',
        });
        const res = await fetch(details.endpoint, {
          method: details.method,
          headers: details.headers as Record<string, string>,
          body: details.body ? new Uint8Array(details.body) : null,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text().catch(() => '');
        // RFC 8030 §5: 201 Created, Location names the push message resource.
        if (res.ok) return { providerId: res.headers.get('location') ?? `web-push:${res.status}` };
        const why = `push service answered ${res.status}: ${text.slice(0, 200)}`;
        if (res.status === 404 || res.status === 410) throw new AddressGoneError(`the push subscription has expired (${res.status}): the customer must subscribe again`);
        if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentSendError(why);
        throw new Error(why);
      },
    };
  },
  inbound: {
    /** The browser snippet's call: `{ userId, subscription }`, with the write key (`?key=`). */
    subscribe: {
      auth: 'write-key',
      async handle(req, ctx) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(req.body);
        } catch {
          return json(400, { error: 'expected JSON: { "userId": "…", "subscription": PushSubscription.toJSON() }' });
        }
        const body = z.object({ userId: z.string().min(1).max(256), subscription: PushSubscription }).safeParse(parsed);
        if (!body.success) return json(400, { error: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        const hosts = ctx.settings?.endpointHosts ?? BROWSER_PUSH_SERVICES;
        if (!allowedEndpoint(body.data.subscription.endpoint, hosts)) return json(400, { error: `subscription.endpoint: ${new URL(body.data.subscription.endpoint).host} is not a push service this workspace accepts` });
        await ctx.setAddress(body.data.userId, 'push', JSON.stringify(body.data.subscription));
        return json(200, { ok: true });
      },
    },
    /** The service worker's report of a click on a notification: a signed link per message. */
    click: {
      async verify(req, env, tools) {
        const url = new URL(req.url);
        const m = url.searchParams.get('m');
        const t = url.searchParams.get('t');
        if (!m || !t) return false;
        const want = Buffer.from(clickToken(await vapidKeys(env, tools.keep), m));
        const got = Buffer.from(t);
        return want.length === got.length && timingSafeEqual(want, got);
      },
      async handle(req, ctx) {
        await ctx.messageEvent({ messageId: new URL(req.url).searchParams.get('m') ?? '', name: 'Push Clicked' });
        return { status: 204, body: '', headers: { 'Access-Control-Allow-Origin': '*' } };
      },
    },
    /** The browser snippet, with this workspace's VAPID public key (see docs/channels.md). */
    'snippet.js': {
      auth: 'public',
      async handle(_req, ctx) {
        const { publicKey } = await vapidKeys(ctx.env, ctx.keep);
        return { status: 200, contentType: 'text/javascript; charset=utf-8', body: snippet(publicKey, ctx.inboundUrl('subscribe')), headers: { 'Access-Control-Allow-Origin': '*' } };
      },
    },
    /** The service worker to host on the site (it shows the notification and opens its link). */
    'sw.js': {
      auth: 'public',
      async handle() {
        return { status: 200, contentType: 'text/javascript; charset=utf-8', body: SERVICE_WORKER, headers: { 'Access-Control-Allow-Origin': '*' } };
      },
    },
  },
});

/** The click link's signature: HMAC-SHA256 of the message id under a key derived from the VAPID private key. */
function clickToken(vapid: VapidKeys, messageId: string): string {
  const key = createHash('sha256').update(`cairn-push-click:${vapid.privateKey}`).digest();
  return createHmac('sha256', key).update(messageId).digest('base64url').slice(0, 32);
}

function parseSubscription(to: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(to);
  } catch {
    throw new PermanentSendError('the customer’s push address is not a Web Push subscription (JSON)');
  }
  const r = PushSubscription.safeParse(raw);
  if (!r.success) throw new PermanentSendError('the customer’s push address is not a valid Web Push subscription');
  return r.data;
}

function json(status: number, body: unknown): InboundReply {
  return { status, contentType: 'application/json', body: JSON.stringify(body), headers: { 'Access-Control-Allow-Origin': '*' } };
}

/**
 * `cairnPush.subscribe(userId, { key, serviceWorker })`: registers the service worker, subscribes
 * with the VAPID key and sends the subscription to Cairn. A simple request (text/plain, the key in
 * the query), so no CORS preflight is needed.
 */
function snippet(publicKey: string, subscribeUrl: string): string {
  return `/* Cairn Web Push: see docs/channels.md */
(function () {
  var VAPID_PUBLIC_KEY = ${JSON.stringify(publicKey)};
  var SUBSCRIBE_URL = ${JSON.stringify(subscribeUrl)};
  function bytes(b64) {
    var s = atob((b64 + '='.repeat((4 - (b64.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/'));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  window.cairnPush = {
    subscribe: async function (userId, opts) {
      if (!('serviceWorker' in navigator) || !('PushManager' in window)) throw new Error('this browser has no Web Push');
      var reg = await navigator.serviceWorker.register((opts && opts.serviceWorker) || '/cairn-sw.js');
      await navigator.serviceWorker.ready;
      var sub = (await reg.pushManager.getSubscription()) || (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(VAPID_PUBLIC_KEY) }));
      var res = await fetch(SUBSCRIBE_URL + '?key=' + encodeURIComponent(opts.key), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ userId: userId, subscription: sub.toJSON() }) });
      if (!res.ok) throw new Error('Cairn refused the subscription: ' + res.status);
      return sub;
    },
  };
})();
`;
}

const SERVICE_WORKER = `/* Cairn Web Push service worker: host it on your site, e.g. at /cairn-sw.js */
self.addEventListener('push', function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = { body: event.data && event.data.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || '', { body: data.body || '', tag: data.tag, data: { url: data.url || '', click: data.click || '' } }));
});
self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var data = event.notification.data || {};
  var work = [];
  if (data.click) work.push(fetch(data.click, { method: 'POST', mode: 'no-cors', keepalive: true }).catch(function () {}));
  if (data.url) work.push(clients.openWindow(data.url));
  event.waitUntil(Promise.all(work));
});
`;
