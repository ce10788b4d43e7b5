/**
 * Workspace access on the real stack (embedded PostgreSQL, Temporal, the HTTP API): the first
 * admin, sign-in with scrypt hashes, session cookies, sign-out, expiry, throttling, the origin
 * check, users and password changes — and that every API call but signing in needs a session.
 */
import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter, createCaller } from '@cairn/api';
import { ADMIN, useStack, type Stack } from './support/stack.js';

let s: Stack;

useStack((stack) => (s = stack));

/** A tRPC call over HTTP: GET for queries, POST for mutations (as the editor's client sends them). */
async function call(path: string, opts: { input?: unknown; cookie?: string; mutation?: boolean; origin?: string } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const url = opts.mutation
    ? `${s.url}/trpc/${path}`
    : `${s.url}/trpc/${path}${opts.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(opts.input))}`}`;
  const res = await fetch(url, opts.mutation ? { method: 'POST', headers, body: JSON.stringify(opts.input ?? {}) } : { headers });
  const text = await res.text();
  const body = JSON.parse(text) as { result?: { data: unknown }; error?: { message: string; data: { code: string } } };
  return { status: res.status, body, setCookie: res.headers.getSetCookie() };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));

describe('workspace access', { timeout: 60_000 }, () => {
  it('made the first admin on first start, keeping only an scrypt hash of the password', async () => {
    const users = await s.db.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(users[0]!.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(users[0]!.passwordHash).not.toContain(ADMIN.password);
    expect(s.admin).toMatchObject({ created: true, email: ADMIN.email, generated: false });
  });

  it('refuses every procedure but signing in when nobody is signed in', async () => {
    const anonymous = createCaller({ db: s.db, runner: s.runner, clock: { now: () => Date.now() } });
    const open = ['auth.session', 'auth.signIn', 'auth.signOut'];
    const paths = Object.keys(appRouter._def.procedures);
    expect(paths.length).toBeGreaterThan(40);
    for (const path of paths.filter((p) => !open.includes(p))) {
      const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], anonymous) as (input: unknown) => Promise<unknown>;
      expect(await codeOf(fn({})), path).toBe('UNAUTHORIZED');
    }
    // Over HTTP too, queries and mutations alike.
    expect((await call('journeys.list')).status).toBe(401);
    expect((await call('catalog')).status).toBe(401);
    expect((await call('journeys.create', { mutation: true, input: { name: 'x' } })).status).toBe(401);
    expect((await call('auth.session')).body.result?.data).toEqual({ user: null });
  });

  it('keeps the ingest and unsubscribe endpoints on their own keys (no session needed)', async () => {
    expect((await s.post('/v1/track', { userId: 'auth-1', event: 'Signed Up' })).status).toBe(200);
    expect((await s.post('/v1/track', { userId: 'auth-1', event: 'Signed Up' }, null)).status).toBe(401);
  });

  it('refuses a wrong password and an unknown email alike, setting no cookie', async () => {
    const wrong = await call('auth.signIn', { mutation: true, input: { email: ADMIN.email, password: 'not the password' } });
    const unknown = await call('auth.signIn', { mutation: true, input: { email: 'nobody@cairn.test', password: 'not the password' } });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.error?.message).toBe('wrong email or password');
      expect(r.setCookie).toEqual([]);
    }
    const empty = await call('auth.signIn', { mutation: true, input: { email: '', password: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toMatch(/enter your email/);
  });

  it('signs in with a Secure HttpOnly SameSite=Strict cookie; the database keeps only its hash', async () => {
    const r = await call('auth.signIn', { mutation: true, input: { email: '  Admin@Cairn.TEST ', password: ADMIN.password } });
    expect(r.status).toBe(200);
    expect(r.body.result?.data).toMatchObject({ user: { email: ADMIN.email, role: 'admin' } });
    expect(r.setCookie).toHaveLength(1);
    const attrs = r.setCookie[0]!.split('; ');
    expect(attrs[0]).toMatch(/^__Host-cairn_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', `Max-Age=${14 * 24 * 3600}`]));
    const token = attrs[0]!.split('=')[1]!;
    expect(await s.db.session.findUnique({ where: { id: token } })).toBeNull();
    const id = createHash('sha256').update(token).digest('base64url');
    expect(await s.db.session.findUnique({ where: { id } })).toMatchObject({ userAgent: expect.any(String) });

    const cookie = attrs[0]!;
    expect((await call('journeys.list', { cookie })).status).toBe(200);
    expect((await call('auth.session', { cookie })).body.result?.data).toMatchObject({ user: { email: ADMIN.email } });
    const created = await call('journeys.create', { cookie, mutation: true, input: { name: 'Signed in' } });
    expect(created.status).toBe(200);
  });

  it('signs out: the cookie is cleared and the old token no longer works', async () => {
    const cookie = await s.signIn();
    const out = await call('auth.signOut', { cookie, mutation: true });
    expect(out.status).toBe(200);
    expect(out.setCookie[0]).toMatch(/^__Host-cairn_session=; .*Max-Age=0/);
    expect((await call('journeys.list', { cookie })).status).toBe(401);
  });

  it('refuses an expired session and deletes it', async () => {
    const cookie = await s.signIn();
    const id = createHash('sha256').update(cookie.split('=')[1]!).digest('base64url');
    await s.db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call('journeys.list', { cookie })).status).toBe(401);
    expect(await s.db.session.findUnique({ where: { id } })).toBeNull();
  });

  it('replaces, never reuses, a session cookie the browser already had (session fixation)', async () => {
    const before = await s.signIn();
    const r = await call('auth.signIn', { cookie: before, mutation: true, input: { email: ADMIN.email, password: ADMIN.password } });
    expect(r.status).toBe(200);
    expect(r.setCookie[0]?.split(';')[0]).not.toBe(before);
    expect((await call('journeys.list', { cookie: before })).status).toBe(401);
  });

  it('refuses calls that come from another origin', async () => {
    const cookie = await s.signIn();
    const foreign = await fetch(`${s.url}/trpc/journeys.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'csrf' }),
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toMatch(/evil\.example/);
    const same = await call('journeys.create', { cookie, mutation: true, origin: s.url, input: { name: 'same origin' } });
    expect(same.status).toBe(200);
  });

  it('slows password guessing: after 5 failures even the right password waits', async () => {
    await s.caller.users.create({ email: 'guess@cairn.test', password: 'a long enough passphrase', role: 'member' });
    for (let i = 0; i < 5; i++) {
      expect((await call('auth.signIn', { mutation: true, input: { email: 'guess@cairn.test', password: `guess ${i} wrong` } })).status).toBe(401);
    }
    const locked = await call('auth.signIn', { mutation: true, input: { email: 'guess@cairn.test', password: 'a long enough passphrase' } });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.message).toMatch(/try again in 15 min/);
    // Another account is not locked by it.
    expect((await call('auth.signIn', { mutation: true, input: { email: ADMIN.email, password: ADMIN.password } })).status).toBe(200);
  });

  it('lets admins manage users, with reasons for what it refuses; members cannot', async () => {
    await expect(s.caller.users.create({ email: 'lan@cairn.test', password: 'short', role: 'member' })).rejects.toThrow(/at least 10 characters/);
    await expect(s.caller.users.create({ email: 'not-an-email', password: 'a long enough passphrase', role: 'member' })).rejects.toThrow(/not an email/);
    const lan = await s.caller.users.create({ email: 'Lan@Cairn.test', name: 'Lan', password: 'river tea garden 42', role: 'member' });
    expect(lan).toMatchObject({ email: 'lan@cairn.test', role: 'member' });
    expect(await codeOf(s.caller.users.create({ email: 'lan@cairn.test', password: 'river tea garden 42', role: 'member' }))).toBe('CONFLICT');
    expect((await s.caller.users.list()).map((u) => u.email)).toEqual(expect.arrayContaining([ADMIN.email, 'lan@cairn.test']));

    const member = await s.signIn('lan@cairn.test', 'river tea garden 42');
    const denied = await call('users.list', { cookie: member });
    expect(denied.status).toBe(403);
    expect(denied.body.error?.message).toMatch(/only an admin can do this \(users.list\)/);
    expect((await call('journeys.list', { cookie: member })).status).toBe(200);

    const admin = await s.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
    await expect(s.caller.users.remove({ id: admin.id })).rejects.toThrow(/cannot remove yourself/);
    await expect(s.caller.users.setRole({ id: admin.id, role: 'member' })).rejects.toThrow(/at least one admin/);
    await s.caller.users.resetPassword({ id: lan.id, password: 'a brand new passphrase' });
    expect((await call('journeys.list', { cookie: member })).status).toBe(401); // their sessions ended
    await s.caller.users.remove({ id: lan.id });
    expect(await s.db.user.findUnique({ where: { email: 'lan@cairn.test' } })).toBeNull();
  });

  it('changes a password: needs the current one, ends the other sessions, keeps this one', async () => {
    await s.caller.users.create({ email: 'kim@cairn.test', password: 'first passphrase here', role: 'member' });
    const laptop = await s.signIn('kim@cairn.test', 'first passphrase here');
    const phone = await s.signIn('kim@cairn.test', 'first passphrase here');
    const wrong = await call('auth.changePassword', { cookie: laptop, mutation: true, input: { current: 'nope', next: 'second passphrase here' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.message).toMatch(/current password is not right/);
    const weak = await call('auth.changePassword', { cookie: laptop, mutation: true, input: { current: 'first passphrase here', next: 'short' } });
    expect(weak.body.error?.message).toMatch(/at least 10/);
    const ok = await call('auth.changePassword', { cookie: laptop, mutation: true, input: { current: 'first passphrase here', next: 'second passphrase here' } });
    expect(ok.body.result?.data).toEqual({ otherSessionsEnded: 1 });
    expect((await call('journeys.list', { cookie: laptop })).status).toBe(200);
    expect((await call('journeys.list', { cookie: phone })).status).toBe(401);
    await expect(s.signIn('kim@cairn.test', 'first passphrase here')).rejects.toThrow(/401/);
    expect(await s.signIn('kim@cairn.test', 'second passphrase here')).toMatch(/^__Host-cairn_session=/);
  });
});

describe('errors that reach a client', { timeout: 60_000 }, () => {
  it('carry a code, a message and the problems, never a stack trace, even with NODE_ENV=development', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const cookie = await s.signIn();
      const broken = { id: 'no-stack', name: 'No stack', nodes: [{ id: 't', type: 'trigger.event', event: 'Signed Up' }], edges: [] };
      const res = await call('journeys.publish', { mutation: true, cookie, input: { id: 'no-stack', note: '', draft: broken } });
      expect(res.status).toBe(400);
      const error = res.body.error as { message: string; data: Record<string, unknown> };
      expect(error.data.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/cannot publish/);
      expect(Array.isArray(error.data.problems)).toBe(true);
      expect(error.data).not.toHaveProperty('stack');
      // Nothing that names the server's files or lines, anywhere in the answer.
      expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|\bat \w+ \(|node_modules|TRPCError/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
