/**
 * A local stand-in for a browser push service (what fcm.googleapis.com or Mozilla's autopush are
 * to Chrome and Firefox). No push service can be reached from here, so the tests subscribe
 * "browsers" made here and the stand-in checks each push request as RFC 8030 / 8291 / 8292 say:
 * - `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292): an ES256 JWT whose signature
 *   verifies with k, whose `aud` is the endpoint's origin, `exp` within 24 hours and `sub` a
 *   mailto: or https: contact;
 * - `TTL` (required), `Urgency` and `Topic` (RFC 8030 §5.2–5.4), `Content-Encoding: aes128gcm`;
 * - the body decrypts (RFC 8291 + RFC 8188) with the subscription's private key and auth secret,
 *   computed here with node:crypto, independently of the `web-push` package that encrypted it.
 * Accepted messages are answered 201 with a Location (RFC 8030 §5); an expired subscription 410.
 */
import { createECDH, createHmac, createPublicKey, createDecipheriv, randomBytes, randomUUID, verify as verifySignature } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  subscriptionId: string;
  headers: Record<string, string>;
  claims: { aud: string; exp: number; sub: string };
  vapidKey: string;
  payload: unknown;
  location: string;
}

export interface Browser {
  id: string;
  /** What `PushSubscription.toJSON()` gives the page. */
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

export interface PushStandIn {
  url: string;
  received: ReceivedPush[];
  /** Requests refused, with why (a test expects none). */
  refused: string[];
  subscribe(): Browser;
  expire(id: string): void;
  close(): Promise<void>;
}

const b64u = (b: Buffer) => b.toString('base64url');
const fromB64u = (s: string) => Buffer.from(s, 'base64url');
const hkdfExpand = (prk: Buffer, info: Buffer, length: number) => createHmac('sha256', prk).update(Buffer.concat([info, Buffer.from([1])])).digest().subarray(0, length);
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 + RFC 8188: the plaintext of an aes128gcm body for this subscriber. */
function decrypt(body: Buffer, uaPrivate: ReturnType<typeof createECDH>, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] as number;
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid must be the 65-byte sender public key, got ${idlen}`);
  if (record.length > rs) throw new Error('one record expected');
  const ecdhSecret = uaPrivate.computeSecret(asPublic);
  const uaPublic = uaPrivate.getPublicKey();
  const prkKey = hmac(authSecret, ecdhSecret);
  const ikm = hkdfExpand(prkKey, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]), 32);
  const prk = hmac(salt, ikm);
  const cek = hkdfExpand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdfExpand(prk, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('missing the last-record delimiter');
  return padded.subarray(0, end);
}

/** RFC 8292: the JWT's claims when its ES256 signature verifies with `k`; throws why not. */
function verifyVapid(header: string, audience: string): { claims: ReceivedPush['claims']; key: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  if (!m) throw new Error(`Authorization is not "vapid t=…, k=…": ${header.slice(0, 40)}`);
  const [, token, k] = m as unknown as [string, string, string];
  const [h, p, sig] = token.split('.');
  if (!h || !p || !sig) throw new Error('the JWT has not three parts');
  const jose = JSON.parse(fromB64u(h).toString()) as { alg?: string; typ?: string };
  if (jose.alg !== 'ES256') throw new Error(`JWT alg is ${jose.alg}, not ES256`);
  const point = fromB64u(k);
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
  if (!verifySignature('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, fromB64u(sig))) throw new Error('the JWT signature does not verify with k');
  const claims = JSON.parse(fromB64u(p).toString()) as ReceivedPush['claims'];
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== audience) throw new Error(`aud is ${claims.aud}, not ${audience}`);
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`exp ${claims.exp} is not within the next 24 hours`);
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub} is not mailto: or https:`);
  return { claims, key: k };
}

export async function startPushStandIn(): Promise<PushStandIn> {
  const browsers = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer; expired: boolean }>();
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const refuse = (status: number, why: string) => {
        refused.push(why);
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(why);
      };
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      const browser = id ? browsers.get(id) : undefined;
      if (req.method !== 'POST' || !id || !browser) return refuse(404, `no subscription at ${req.url}`);
      if (browser.expired) {
        res.writeHead(410, { 'Content-Type': 'text/plain' });
        return res.end('push subscription has unsubscribed or expired');
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      try {
        const { claims, key } = verifyVapid(headers.authorization ?? '', origin);
        if (!/^\d+$/.test(headers.ttl ?? '')) throw new Error('TTL is required (RFC 8030 §5.2)');
        if (headers.urgency && !['very-low', 'low', 'normal', 'high'].includes(headers.urgency)) throw new Error(`Urgency ${headers.urgency}`);
        if (headers.topic && !/^[A-Za-z0-9_-]{1,32}$/.test(headers.topic)) throw new Error('Topic must be at most 32 base64url characters (RFC 8030 §5.4)');
        if (headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding is ${headers['content-encoding']}, not aes128gcm`);
        const plain = decrypt(Buffer.concat(chunks), browser.ecdh, browser.auth);
        const location = `${origin}/message/${randomUUID()}`;
        received.push({ subscriptionId: id, headers, claims, vapidKey: key, payload: JSON.parse(plain.toString('utf8')), location });
        res.writeHead(201, { Location: location, TTL: headers.ttl });
        res.end();
      } catch (err) {
        refuse(400, (err as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    received,
    refused,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomUUID();
      browsers.set(id, { ecdh, auth, expired: false });
      return { id, subscription: { endpoint: `${origin}/push/${id}`, expirationTime: null, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } } };
    },
    expire(id) {
      const b = browsers.get(id);
      if (b) b.expired = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
