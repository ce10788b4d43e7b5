/**
 * The whole runtime for one API test file, started the way `npm start` starts it (startCairn):
 * embedded PostgreSQL in a temporary folder, migrations, a real Temporal dev server, the worker
 * with real activities (log provider) and the HTTP API on a free port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createCaller, parseApiEnv, startCairn, type Cairn } from '@cairn/api';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';

/** The admin every test stack starts with (CAIRN_ADMIN_EMAIL / CAIRN_ADMIN_PASSWORD). */
export const ADMIN = { email: 'admin@cairn.test', password: 'tea garden by the river' };

export interface Stack extends Cairn {
  /** In-process tRPC calls as the admin. */
  caller: ReturnType<typeof createCaller>;
  /** Signs in over HTTP; returns the Cookie header value to send back. */
  signIn(email?: string, password?: string): Promise<string>;
  /** Stores a draft and publishes it in one call (note "test"), as the admin. */
  publish(draft: { id: string }): ReturnType<ReturnType<typeof createCaller>['journeys']['publish']>;
  /** POST JSON to the API with the development write key (or `key`, or none when null). */
  post(pathname: string, body: unknown, key?: string | null): Promise<{ status: number; body: Record<string, unknown> }>;
}

let runtimeInstalled = false;

/** `extra`: more settings (a provider's variables, PORT with CAIRN_PUBLIC_URL for callbacks). */
export async function startStack(extra: Record<string, string> = {}): Promise<Stack> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
    runtimeInstalled = true;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cairn-api-'));
  const env = parseApiEnv({
    PORT: '0',
    CAIRN_DATA_DIR: dir,
    CAIRN_PG_PORT: String(await freePort()),
    CAIRN_TEMPORAL_PORT: String(await freePort()),
    CAIRN_TEMPORAL_UI: '0',
    CAIRN_EDITOR_DIR: path.join(dir, 'no-editor'),
    TEMPORAL_TASK_QUEUE: `api-test-${process.pid}`,
    CAIRN_ADMIN_EMAIL: ADMIN.email,
    CAIRN_ADMIN_PASSWORD: ADMIN.password,
    ...extra,
  });
  const logs: string[] = [];
  // Each line with the seconds since the start: a slow or failed start says where the time went.
  const t0 = Date.now();
  const cairn = await startCairn(env, (l) => logs.push(`${((Date.now() - t0) / 1000).toFixed(1)}s ${l}`)).catch((err: unknown) => {
    console.error(`test stack did not start:\n  ${logs.join('\n  ')}`);
    throw err;
  });
  if (Date.now() - t0 > 60_000) console.warn(`test stack took ${Math.round((Date.now() - t0) / 1000)} s to start:\n  ${logs.join('\n  ')}`);
  const admin = await cairn.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
  const user = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' as const };
  const caller = createCaller({ db: cairn.db, runner: cairn.runner, clock: { now: () => Date.now() }, user, channels: cairn.channels });
  const signIn: Stack['signIn'] = async (email = ADMIN.email, password = ADMIN.password) => {
    const res = await fetch(`${cairn.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-cairn_session='));
    if (!cookie) throw new Error('sign-in set no session cookie');
    return cookie.split(';')[0] as string;
  };
  const post: Stack['post'] = async (pathname, body, key) => {
    const k = key === undefined ? cairn.writeKey : key;
    const res = await fetch(`${cairn.url}${pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(k === null ? {} : { Authorization: `Basic ${Buffer.from(`${k}:`).toString('base64')}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    ...cairn,
    caller,
    signIn,
    publish: (draft) => caller.journeys.publish({ id: draft.id, note: 'test', draft }),
    post,
    stop: async () => {
      await cairn.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts one stack for the test file (handed to `use` before the tests) and stops it after them. */
export function useStack(use: (s: Stack) => void, extra?: () => Promise<Record<string, string>>): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(extra ? await extra() : {});
    use(stack);
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a value that passes `ok` (or fails after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await probe();
  }
  return last;
}
