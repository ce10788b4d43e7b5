import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { candidateCode, issueCoupon } from './actions/coupon.js';
import { crmFollowUp } from './actions/crm-follow-up.js';
import { teamChatPost } from './actions/team-chat.js';
import { defineAction, PermanentActionError } from './define-action.js';
import { actionOf, listActions, registerAction } from './registry.js';
import { testRunContext } from './testing.js';

/** A real HTTP server on loopback that records requests and answers with the next queued status. */
let server: Server;
let base = '';
const requests: Array<{ url: string; headers: IncomingMessage['headers']; body: unknown }> = [];
const statuses: number[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body: data ? JSON.parse(data) : null });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status < 300 ? { id: 'task-7' } : { error: 'nope' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('defineAction', () => {
  it('fills default outputs and the failure output', () => {
    const a = defineAction({ type: 'x.test', title: 'T', description: 'd', config: z.object({}), run: async () => ({ output: 'success' }) });
    expect(a.outputs).toEqual(['success', 'failure']);
    expect(a.failureOutput).toBe('failure');
  });

  it('rejects bad declarations at start-up, saying what is wrong', () => {
    const base = { title: 'T', description: 'd', config: z.object({}), run: async () => ({ output: 'a' as const }) };
    expect(() => defineAction({ ...base, type: 'NoDots' })).toThrow(/dotted lower camel case/);
    expect(() => defineAction({ ...base, type: 'x.y', outputs: ['a', 'a'] })).toThrow(/unique/);
    expect(() => defineAction({ ...base, type: 'x.y', outputs: ['a b'] as never })).toThrow(/letters, digits/);
    expect(() => defineAction({ ...base, type: 'x.y', outputs: ['a'], failureOutput: 'b' as never })).toThrow(/not one of its outputs/);
  });

  it('registers built-ins once and refuses a second action with the same type', () => {
    expect(listActions().map((a) => a.type)).toEqual(expect.arrayContaining(['crm.followUp', 'coupon.issue', 'team.chatPost']));
    const clash = defineAction({ type: 'coupon.issue', title: 'Other', description: 'd', config: z.object({}), run: async () => ({ output: 'success' }) });
    expect(() => registerAction(clash as never)).toThrow(/already registered/);
    expect(actionOf('coupon.issue')).toBe(issueCoupon);
  });
});

describe('crm.followUp', () => {
  it('posts the task with the idempotency key and stores the CRM task id', async () => {
    const ctx = testRunContext();
    const config = crmFollowUp.config.parse({ url: `${base}/tasks`, title: 'Call {{ customer.firstName }}' });
    const r = await crmFollowUp.run(ctx, config);
    expect(r).toMatchObject({ output: 'success', attributes: { crmTaskId: 'task-7' } });
    const req = requests.at(-1)!;
    expect(req.headers['x-cairn-idempotency-key']).toBe(ctx.idempotencyKey);
    expect(req.body).toMatchObject({ title: 'Call Lan', customer: { id: 'c1', firstName: 'Lan' }, priority: 'normal' });
  });

  it('fails for good on a 4xx and retryably on a 5xx', async () => {
    const config = crmFollowUp.config.parse({ url: `${base}/tasks` });
    statuses.push(422);
    await expect(crmFollowUp.run(testRunContext(), config)).rejects.toBeInstanceOf(PermanentActionError);
    statuses.push(503);
    const err = await crmFollowUp.run(testRunContext(), config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentActionError);
    expect((err as Error).message).toContain('HTTP 503');
  });

  it('validates its config with clear messages', () => {
    const res = crmFollowUp.config.safeParse({ url: 'ftp://crm' });
    expect(res.success).toBe(false);
    expect(res.error!.issues[0]!.message).toBe('the CRM webhook must be an http(s) URL');
  });
});

describe('coupon.issue', () => {
  it('issues a unique code, the same one on a retry of the same step, another for another step', async () => {
    const store = new Map<string, string>();
    const config = issueCoupon.config.parse({ prefix: 'VIP' });
    const first = await issueCoupon.run(testRunContext({}, store), config);
    const retry = await issueCoupon.run(testRunContext({}, store), config);
    const other = await issueCoupon.run(testRunContext({ idempotencyKey: 'journey:j:customer:c2:entry:1:n1:1' }, store), config);
    expect(first.attributes?.couponCode).toMatch(/^VIP-[A-Z2-9]{8}$/);
    expect(retry.attributes?.couponCode).toBe(first.attributes?.couponCode);
    expect(other.attributes?.couponCode).not.toBe(first.attributes?.couponCode);
  });

  it('skips a code someone else holds', async () => {
    const store = new Map<string, string>();
    const key = 'journey:j:customer:c1:entry:1:n1:1';
    store.set(`coupon:VIP\u0000${candidateCode('VIP', key, 0, 8)}`, 'someone-else');
    const r = await issueCoupon.run(testRunContext({ idempotencyKey: key }, store), issueCoupon.config.parse({ prefix: 'VIP' }));
    expect(r.attributes?.couponCode).toBe(candidateCode('VIP', key, 1, 8));
  });

  it('keeps a code the customer already has', async () => {
    const r = await issueCoupon.run(testRunContext({ customer: { id: 'c1', attributes: { couponCode: 'OLD-1' } } }), issueCoupon.config.parse({}));
    expect(r).toMatchObject({ output: 'success', reason: 'kept existing code OLD-1' });
    expect(r.attributes).toBeUndefined();
  });
});

describe('team.chatPost', () => {
  it('posts rendered text; https only', async () => {
    expect(teamChatPost.config.safeParse({ url: `${base}/hook`, text: 'x' }).success).toBe(false);
    // The run itself works over any URL fetch accepts; config validation is what insists on https.
    const r = await teamChatPost.run(testRunContext(), { url: `${base}/hook`, text: 'VIP {{ customer.firstName }} ordered' });
    expect(r.output).toBe('success');
    expect(requests.at(-1)!.body).toEqual({ text: 'VIP Lan ordered' });
  });
});
