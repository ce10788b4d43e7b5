/**
 * Serves the built editor (editor/dist) for GET requests that are not API routes, with the SPA
 * fallback to index.html. Paths are resolved inside the folder only.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;

function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** A handler for `dir`, or undefined when the folder has no index.html (editor not built). */
export function staticFiles(dir: string): StaticHandler | undefined {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, 'index.html'))) return undefined;
  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // Malformed percent-encoding ("/%E0%A4%A") would throw inside the request listener, and NUL
    // is no file name: neither is a file here (the server answers 404).
    const decoded = decodedPath(pathname);
    if (decoded === undefined || decoded.includes('\0')) return false;
    let file = path.resolve(root, `.${decoded}`);
    if (!file.startsWith(root + path.sep) && file !== root) return false;
    if (!existsSync(file) || !statSync(file).isFile()) {
      // Client-side routes (/journeys/x) get the app; missing assets get a 404.
      if (path.extname(pathname)) return false;
      file = path.join(root, 'index.html');
    }
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}
