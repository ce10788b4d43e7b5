/**
 * `npm start`'s launcher as a user runs it: a child process with no configuration but ports and a
 * data folder. It prints the URL and a write key, serves /healthz and ingest, stops cleanly on
 * Ctrl-C (SIGINT), and a second start finds its data (same write key, events kept).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/stack.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Launched {
  url: string;
  key: string;
  output: () => string;
  interrupt(): Promise<number | null>;
  kill(): Promise<number | null>;
}

function launch(env: Record<string, string>): Promise<Launched> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/launcher/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const url = /Cairn is running: (\S+)/.exec(out)?.[1];
      const key = /Development write key: (\S+)/.exec(out)?.[1];
      if (url && key) {
        resolve({ url, key, output: () => out, interrupt: () => (child.kill('SIGINT'), exited), kill: () => (child.kill('SIGKILL'), exited) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`launcher exited (${code}) before it was ready:\n${out}`)));
  });
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });

describe('npm start (launcher)', () => {
  it('refuses a bad setting, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/launcher/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'not-a-port' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(out).toMatch(/PORT: PORT must be a port number/);
  }, 60_000);

  it('starts everything on embedded defaults, stops on Ctrl-C, and keeps its data', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cairn-start-'));
    dirs.push(dataDir);
    const pgPort = await freePort();
    const temporalPort = await freePort();
    const env = {
      PORT: String(await freePort()),
      CAIRN_DATA_DIR: dataDir,
      CAIRN_PG_PORT: String(pgPort),
      CAIRN_TEMPORAL_PORT: String(temporalPort),
    };
    const first = await launch(env);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    const auth = `Basic ${Buffer.from(`${first.key}:`).toString('base64')}`;
    const track = await fetch(`${first.url}/v1/track`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'kim', event: 'Signed Up', messageId: 'start-1' }),
    });
    expect(track.status).toBe(200);
    // The first start made an admin and printed its password once; it signs in.
    const admin = /First admin: (\S+)\s+password: (\S+)/.exec(first.output());
    expect(admin?.[1]).toBe('admin@localhost');
    const signIn = () =>
      fetch(`${first.url}/trpc/auth.signIn`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: admin?.[1], password: admin?.[2] }) });
    const signedIn = await signIn();
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect((await fetch(`${first.url}/trpc/journeys.list`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${first.url}/trpc/journeys.list`)).status).toBe(401);
    expect(await first.interrupt()).toBe(0);
    expect(first.output()).toMatch(/cairn: stopped/);
    expect(await portOpen(pgPort)).toBe(false);
    expect(await portOpen(temporalPort)).toBe(false);

    const second = await launch(env);
    try {
      expect(second.key).toBe(first.key);
      const again = await fetch(`${second.url}/v1/track`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: 'kim', event: 'Signed Up', messageId: 'start-1' }),
      });
      expect(await again.json()).toMatchObject({ duplicates: 1 });
      // No second admin, no password printed again; the session survived the restart.
      expect(second.output()).not.toMatch(/First admin/);
      expect((await fetch(`${second.url}/trpc/journeys.list`, { headers: { cookie } })).status).toBe(200);
    } finally {
      expect(await second.interrupt()).toBe(0);
    }
  }, 240_000);

  it('starts again after a hard kill left PostgreSQL and Temporal running', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cairn-start-'));
    dirs.push(dataDir);
    const env = {
      PORT: String(await freePort()),
      CAIRN_DATA_DIR: dataDir,
      CAIRN_PG_PORT: String(await freePort()),
      CAIRN_TEMPORAL_PORT: String(await freePort()),
    };
    const first = await launch(env);
    await first.kill();
    expect(await portOpen(Number(env.CAIRN_PG_PORT))).toBe(true); // the orphans are still there
    const second = await launch(env);
    try {
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await second.interrupt()).toBe(0);
    }
    expect(await portOpen(Number(env.CAIRN_PG_PORT))).toBe(false);
    expect(await portOpen(Number(env.CAIRN_TEMPORAL_PORT))).toBe(false);
  }, 240_000);
});
