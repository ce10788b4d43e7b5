/**
 * A local stand-in for Google's OAuth 2.0 token endpoint and the FCM HTTP v1 API. Google cannot
 * be reached from here (no network but package registries), so the tests hand the FCM provider a
 * service account key whose `token_uri` is this server's `/token` (Google's libraries honour that
 * field the same way) and point FCM_API_URL here. It speaks what Google documents:
 * - `POST /token`, form `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`:
 *   the JWT's RS256 signature is checked with the service account's public key, and its `iss`,
 *   `aud` (the token URI), `scope` (firebase.messaging) and `iat`/`exp`; answered
 *   `{ access_token, expires_in, token_type: "Bearer" }`, else 400 `{ error: "invalid_grant" }`;
 * - `POST /v1/projects/<project>/messages:send` with `Authorization: Bearer <access token>`
 *   (401 UNAUTHENTICATED otherwise) and `{ message: { token, notification, data, android, apns } }`,
 *   answered `{ name: "projects/<project>/messages/<id>" }`; a token marked unregistered answers
 *   404 NOT_FOUND with the FcmError detail `UNREGISTERED`, a malformed token 400
 *   INVALID_ARGUMENT, as FCM does.
 */
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FcmMessage {
  name: string;
  message: { token: string; notification?: { title?: string; body?: string }; data?: Record<string, string>; android?: Record<string, unknown>; apns?: { headers?: Record<string, string> } };
}

export interface FcmStandIn {
  url: string;
  projectId: string;
  /** The service account key file's JSON (FCM_SERVICE_ACCOUNT). */
  serviceAccount: string;
  messages: FcmMessage[];
  /** Access tokens handed out. */
  tokenRequests: number;
  unregister(token: string): void;
  /** Access tokens issued so far stop working (401), as when Google revokes them. */
  revokeAccessTokens(): void;
  close(): Promise<void>;
}

const fcmError = (code: number, status: string, message: string, errorCode?: string) => ({
  error: { code, message, status, ...(errorCode ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] } : {}) },
});

export async function startFcmStandIn(): Promise<FcmStandIn> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const projectId = 'cairn-shop-test';
  const clientEmail = `firebase-adminsdk-test@${projectId}.iam.gserviceaccount.com`;
  const messages: FcmMessage[] = [];
  const issued = new Set<string>();
  const unregistered = new Set<string>();
  let tokenRequests = 0;
  let tokenUri = '';
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const validAssertion = (jwt: string): boolean => {
    const [head, claims, sig] = jwt.split('.');
    if (!head || !claims || !sig) return false;
    const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string };
    if (header.alg !== 'RS256') return false;
    if (!createVerify('RSA-SHA256').update(`${head}.${claims}`).verify(publicKey, Buffer.from(sig, 'base64url'))) return false;
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
    const now = Date.now() / 1000;
    return c.iss === clientEmail && c.aud === tokenUri && (c.scope ?? '').split(' ').includes('https://www.googleapis.com/auth/firebase.messaging') && (c.iat ?? Infinity) <= now + 60 && (c.exp ?? 0) > now && (c.exp ?? 0) - (c.iat ?? 0) <= 3600;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/token') {
        const form = new URLSearchParams(raw);
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return json(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' });
        if (!validAssertion(form.get('assertion') ?? '')) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
        tokenRequests++;
        const token = `ya29.${randomBytes(24).toString('base64url')}`;
        issued.add(token);
        return json(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
      }
      const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !send) return json(res, 404, fcmError(404, 'NOT_FOUND', 'Not found'));
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!issued.has(bearer)) return json(res, 401, fcmError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
      if (decodeURIComponent(send[1]!) !== projectId) return json(res, 403, fcmError(403, 'PERMISSION_DENIED', 'Permission denied on project', 'SENDER_ID_MISMATCH'));
      const body = JSON.parse(raw) as { message?: FcmMessage['message'] };
      const token = body.message?.token;
      if (!token || !/^[\w:-]{20,}$/.test(token)) return json(res, 400, fcmError(400, 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token', 'INVALID_ARGUMENT'));
      for (const v of Object.values(body.message?.data ?? {})) if (typeof v !== 'string') return json(res, 400, fcmError(400, 'INVALID_ARGUMENT', 'Invalid value at message.data: values must be strings', 'INVALID_ARGUMENT'));
      if (unregistered.has(token)) return json(res, 404, fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED'));
      const name = `projects/${projectId}/messages/${Date.now()}${randomBytes(4).toString('hex')}`;
      messages.push({ name, message: body.message! });
      return json(res, 200, { name });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokenUri = `${url}/token`;
  const serviceAccount = JSON.stringify({
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
  });
  return {
    url,
    projectId,
    serviceAccount,
    messages,
    get tokenRequests() {
      return tokenRequests;
    },
    unregister: (token) => unregistered.add(token),
    revokeAccessTokens: () => issued.clear(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
