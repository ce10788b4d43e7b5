/**
 * Builds the editor once and serves it on a free localhost port (static files, SPA fallback).
 * Requests to /trpc are forwarded to `apiUrl` when given, so the same page can talk to a real API.
 * The Host header is forwarded as the browser sent it (the API checks that a call's Origin names
 * the host it was sent to), and the API's session cookie comes back through as it was set.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EDITOR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../editor');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * `vite build` of a project (the editor by default) into `outDir`: by default a fresh temporary
 * folder, so test files running in parallel never rebuild under each other's server.
 */
export async function buildApp(root = EDITOR_DIR, outDir?: string, logLevel: 'warn' | 'error' = 'warn'): Promise<string> {
  const { build } = await import('vite');
  outDir ??= await mkdtemp(join(tmpdir(), 'cairn-editor-'));
  await build({ root, logLevel, build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, apiUrl?: string): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (apiUrl && path.startsWith('/trpc')) {
      const target = new URL(req.url ?? '/', apiUrl);
      const fwd = request(target, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      fwd.on('error', () => res.writeHead(502).end());
      req.pipe(fwd);
      return;
    }
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
