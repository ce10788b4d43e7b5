import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from './static.js';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-static-'));
  await mkdir(path.join(dir, 'dist/assets'), { recursive: true });
  await writeFile(path.join(dir, 'dist/index.html'), '<h1>editor</h1>');
  await writeFile(path.join(dir, 'dist/assets/app-1.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside');
  const handler = staticFiles(path.join(dir, 'dist'))!;
  server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (!handler(req, res, pathname)) res.writeHead(404).end('api 404');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('editor static files', () => {
  it('is off when the editor is not built', () => {
    expect(staticFiles(path.join(os.tmpdir(), 'no-such-editor'))).toBeUndefined();
  });

  it('serves files, long-cached assets, and the app for client-side routes', async () => {
    const asset = await fetch(`${base}/assets/app-1.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(await (await fetch(`${base}/journeys/welcome`)).text()).toBe('<h1>editor</h1>');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    const res = await fetch(`${base}/..%2Fsecret.txt`);
    expect(await res.text()).not.toBe('outside');
  });

  it('leaves malformed percent-encoding and NUL to the API (404), without throwing', async () => {
    for (const p of ['/%E0%A4%A', '/%', '/assets/%00.js', '/%00']) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).toBe('api 404');
    }
  });
});
