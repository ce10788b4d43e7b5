/**
 * /api: the REST API (trpc-to-openapi over restRouter), its OpenAPI document at /api/openapi.json
 * and a browsable reference at /api/docs (Swagger UI, served from swagger-ui-dist: works offline).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createOpenApiHttpHandler } from 'trpc-to-openapi';
import type { ApiContext } from '../trpc.js';
import { noteError, noteProcedures } from '../auth/key-audit.js';
import { sendJson } from '../http/body.js';
import { openApiDocument } from './document.js';
import { restRouter } from './router.js';

export const isRestPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

const UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const UI_FILES: Record<string, string> = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'text/javascript' };

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cairn API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
// A separate file, not inline: the page works under a Content-Security-Policy without 'unsafe-inline'.
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true, persistAuthorization: false });`;

export function restHandler(createContext: (req: IncomingMessage, res: ServerResponse) => Promise<ApiContext>, log: (m: string) => void) {
  // The adapter hands createContext a fetch Request, not the IncomingMessage (whose socket and
  // headers the context reads): the response leads back to it.
  const requests = new WeakMap<ServerResponse, IncomingMessage>();
  const api = createOpenApiHttpHandler({
    router: restRouter,
    maxBodySize: 4 * 1024 * 1024,
    createContext: ({ res }) => createContext(requests.get(res as ServerResponse)!, res as ServerResponse),
    responseMeta: ({ ctx, paths }) => {
      noteProcedures(ctx, paths);
      return {};
    },
    onError: ({ error, path, ctx }) => {
      noteError(ctx, error, path);
      if (error.code === 'INTERNAL_SERVER_ERROR') log(`api ${path ?? ''}: ${(error.cause as Error | undefined)?.stack ?? error.stack ?? error.message}`);
    },
  });
  return async (pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (pathname === '/api/openapi.json') return sendJson(res, 200, openApiDocument());
    if (pathname === '/api/docs' || pathname === '/api/docs/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(DOCS_PAGE);
      return;
    }
    if (pathname === '/api/docs/init.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(DOCS_INIT);
      return;
    }
    const asset = pathname.startsWith('/api/docs/') ? pathname.slice('/api/docs/'.length) : undefined;
    if (asset !== undefined && UI_FILES[asset]) {
      res.writeHead(200, { 'Content-Type': UI_FILES[asset], 'Cache-Control': 'public, max-age=3600' }).end(await readFile(path.join(UI_DIR, asset)));
      return;
    }
    // The procedures' paths are relative to /api (the document's server URL).
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
    req.url = (req.url ?? '/').slice('/api'.length) || '/';
    // A POST or PUT with no body (pause, resume, stop declare none) reads as `{}`: the adapter
    // would otherwise parse an empty body as JSON and fail (tRPC's adapters take `req.body`).
    const empty = !req.headers['transfer-encoding'] && Number(req.headers['content-length'] ?? 0) === 0;
    if (empty && (req.method === 'POST' || req.method === 'PUT')) {
      req.headers['content-type'] ??= 'application/json';
      (req as IncomingMessage & { body?: string }).body = '{}';
    }
    requests.set(res, req);
    await api(req, res);
  };
}
