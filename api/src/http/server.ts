/**
 * The API's HTTP server (node:http): tRPC at /trpc and REST at /api (the session cookie or an
 * API key, read once per request: request-auth.ts), Segment-compatible ingest at /v1/* (write
 * keys), unsubscribe pages, /healthz, and the built editor at / when there is one. Not listening yet: call `listen`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Db } from '@cairn/db';
import type { JourneyRunner } from '../enrol/runner.js';
import { unsubscribeSecrets, type Channels, type UnsubscribeSecrets } from '@cairn/engine/runtime';
import { handleProviderInbound, isProviderInboundPath } from '../channels/inbound.js';
import { handleTracking, isTrackingPath } from '../channels/tracking.js';
import { handleIngest, ingestGroups, INGEST_PATHS, type IngestDeps } from '../ingest/http.js';
import { handleTriggerHook, isTriggerHookPath } from '../ingest/hooks.js';
import { handlePolicyHttp, isPolicyPath } from '../policy/http.js';
import { writeKeyChecker } from '../ingest/auth.js';
import { appRouter } from '../routers/index.js';
import type { ApiContext, Clock } from '../trpc.js';
import { noteError, noteProcedures } from '../auth/key-audit.js';
import { isRestPath, restHandler } from '../rest/http.js';
import { handleCustomersHttp, isCustomersHttpPath } from '../customers/http.js';
import { contextOf } from './request-auth.js';
import { signInThrottle } from '../auth/throttle.js';
import { sendJson } from './body.js';
import { checkHealth } from './health.js';
import type { StaticHandler } from './static.js';

export interface ApiServerOptions {
  db: Db;
  runner: JourneyRunner;
  clock?: Clock;
  /** Serves the editor (see static.ts); API routes win. */
  staticHandler?: StaticHandler;
  log?: (message: string) => void;
  /** Verifies unsubscribe links. Default: `unsubscribeSecret`, else the secret kept in the database. */
  unsubscribeSecrets?: () => Promise<UnsubscribeSecrets>;
  /** UNSUBSCRIBE_SECRET from the parsed settings (comma-separated, newest first). */
  unsubscribeSecret?: string;
  /** Session cookies with Secure and the __Host- prefix (default true; CAIRN_COOKIE_SECURE=0 turns it off). */
  secureCookies?: boolean;
  /** CAIRN_PUBLIC_URL: its host is also accepted as the Origin of API calls (behind a proxy). */
  publicUrl?: string;
  /** The channel providers: their inbound hooks (/v1/providers/…) and the Channels page. */
  channels?: Channels;
  /** Secrets by name (`CAIRN_SECRET_<NAME>`) for custom triggers' webhooks (/v1/hooks/…); default: none. */
  secret?: (name: string) => string | undefined;
}

/**
 * A browser's cross-origin POST to the API is refused even before the cookie's SameSite=Strict
 * would matter (defence in depth): the Origin, when sent, must name this server.
 */
function foreignOrigin(req: IncomingMessage, publicUrl: string | undefined): string | undefined {
  const origin = req.headers.origin;
  if (!origin || req.method === 'GET' || req.method === 'HEAD') return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return origin;
  }
  const allowed = [req.headers.host, req.headers['x-forwarded-host'], publicUrl ? new URL(publicUrl).host : undefined];
  return allowed.some((h) => typeof h === 'string' && h.split(',')[0]?.trim() === host) ? undefined : origin;
}

/** Bytes a tRPC request body may have. */
export const TRPC_MAX_BODY = 4 * 1024 * 1024;

export function createApiServer(opts: ApiServerOptions): Server {
  const clock = opts.clock ?? { now: () => Date.now() };
  const ctx: ApiContext = { db: opts.db, runner: opts.runner, clock, ...(opts.channels ? { channels: opts.channels } : {}) };
  const log = opts.log ?? ((m: string) => console.error(m));
  const secure = opts.secureCookies ?? true;
  const throttle = signInThrottle();
  // The session cookie or an API key (Bearer), for /trpc and /api alike (request-auth.ts).
  const contextFor = (req: IncomingMessage, res: ServerResponse) => contextOf({ base: ctx, secure, throttle, log }, req, res);
  const rest = restHandler(contextFor, log);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // The largest real input is a journey draft (1,000 steps is about 600 KB of JSON): anything
    // far beyond is refused with 413 before it is parsed, instead of being buffered whole.
    maxBodySize: TRPC_MAX_BODY,
    createContext: ({ req, res }) => contextFor(req, res),
    responseMeta: ({ ctx, paths }) => {
      noteProcedures(ctx, paths);
      return {};
    },
    onError: ({ error, path, ctx }) => {
      noteError(ctx, error, path);
      // The client gets a plain sentence (errors.ts); the server log keeps what happened.
      if (error.code === 'INTERNAL_SERVER_ERROR') log(`trpc ${path ?? ''}: ${(error.cause as Error | undefined)?.stack ?? error.stack ?? error.message}`);
    },
  });
  const ingest: IngestDeps = { ...ctx, isValidKey: writeKeyChecker(opts.db, clock), log };
  ingest.together = ingestGroups(ingest);
  let secrets: Promise<UnsubscribeSecrets> | undefined;
  const policy = {
    db: opts.db,
    clock,
    runner: opts.runner,
    log,
    isValidKey: ingest.isValidKey,
    secrets: opts.unsubscribeSecrets ?? (() => (secrets ??= unsubscribeSecrets(opts.db, { UNSUBSCRIBE_SECRET: opts.unsubscribeSecret }).catch((e) => ((secrets = undefined), Promise.reject(e))))),
  };

  return createServer((req, res) => {
    // An absolute-form target such as "http://[/x" passes Node's parser but not URL: thrown here,
    // it would end the process.
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    if (!url) {
      sendJson(res, 400, { success: false, error: 'the request target is not a valid URL' });
      return;
    }
    const pathname = url.pathname;
    const fail = (err: unknown) => {
      log(`${req.method} ${pathname}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { success: false, error: 'internal error' });
      else res.destroy();
    };
    if (pathname.startsWith('/trpc/') || isRestPath(pathname)) {
      const foreign = foreignOrigin(req, opts.publicUrl);
      if (foreign) {
        sendJson(res, 403, { error: `calls from ${foreign} are not accepted (not this server's origin)` });
        return;
      }
      Promise.resolve(pathname.startsWith('/trpc/') ? trpc(req, res) : rest(pathname, req, res)).catch(fail);
      return;
    }
    // Customer CSV upload and export: too large for tRPC's body limit, or not JSON (customers/http.ts).
    if (isCustomersHttpPath(pathname)) {
      const foreign = foreignOrigin(req, opts.publicUrl);
      if (foreign) {
        sendJson(res, 403, { error: `calls from ${foreign} are not accepted (not this server's origin)` });
        return;
      }
      contextFor(req, res)
        .then((c) => handleCustomersHttp(c, url, req, res))
        .catch(fail);
      return;
    }
    if ((INGEST_PATHS as readonly string[]).includes(pathname)) {
      handleIngest(ingest, pathname, req, res).catch(fail);
      return;
    }
    if (isTriggerHookPath(pathname)) {
      handleTriggerHook({ ...ingest, secret: opts.secret ?? (() => undefined) }, url, req, res).catch(fail);
      return;
    }
    if (isPolicyPath(pathname)) {
      handlePolicyHttp(policy, pathname, req, res).catch(fail);
      return;
    }
    if (isTrackingPath(pathname)) {
      handleTracking({ ...ctx, secrets: policy.secrets, log }, pathname, req, res).catch(fail);
      return;
    }
    if (opts.channels && isProviderInboundPath(pathname)) {
      handleProviderInbound({ ...ctx, channels: opts.channels, log, isValidKey: ingest.isValidKey, ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}) }, pathname, req, res).catch(fail);
      return;
    }
    if (pathname === '/healthz') {
      checkHealth(opts.db, opts.runner)
        .then((h) => sendJson(res, h.ok ? 200 : 503, h))
        .catch(fail);
      return;
    }
    if (opts.staticHandler?.(req, res, pathname)) return;
    sendJson(res, 404, { error: `nothing at ${pathname}` });
  });
}
