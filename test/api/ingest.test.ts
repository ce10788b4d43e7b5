/**
 * Segment-compatible ingest over real HTTP, on the real stack (embedded PostgreSQL, Temporal dev
 * server, worker): write keys, validation, storage before the 200, dedupe, recovery of events
 * stored but not routed, and /healthz. Enrolment through ingest: enrolment.test.ts.
 */
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createDb } from '@cairn/db';
import { createApiServer, sweepUnrouted } from '@cairn/api';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics } from '@segment/analytics-node';
import { workflowIdFor } from '@cairn/engine/workflow';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { eventually, freePort, useStack, type Stack } from './support/stack.js';
import { manualWithWait, upgraded, welcome } from './support/journeys.js';

let s: Stack;

useStack((stack) => (s = stack));

const publish = (draft: { id: string }) => s.publish(draft);

describe('write key', () => {
  it('refuses a missing key and an unknown key with 401', async () => {
    const body = { userId: 'u1', event: 'Signed Up' };
    const none = await s.post('/v1/track', body, null);
    const wrong = await s.post('/v1/track', body, 'wk_not_a_key');
    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(String(wrong.body.error)).toMatch(/write key/);
    expect(await s.db.event.count({ where: { customerId: 'u1' } })).toBe(0);
  });

  it('accepts a key created through the API, and refuses it once revoked', async () => {
    const { id, key } = await s.caller.writeKeys.create({ name: 'website' });
    const body = { userId: 'wk1', event: 'Signed Up' };
    expect((await s.post('/v1/track', body, key)).status).toBe(200);
    await s.caller.writeKeys.revoke({ id });
    // Valid keys are cached for up to 10 s in the server.
    await eventually(async () => (await s.post('/v1/track', body, key)).status, (st) => st === 401, 15_000);
    expect((await s.caller.writeKeys.list()).find((k) => k.id === id)?.revokedAt).toBeInstanceOf(Date);
  }, 30_000);
});

describe('validation', () => {
  it('refuses invalid payloads with 400 and the reason', async () => {
    const noEvent = await s.post('/v1/track', { userId: 'v1' });
    expect(noEvent.status).toBe(400);
    expect(String(noEvent.body.error)).toMatch(/event/);

    const noId = await s.post('/v1/identify', { traits: { plan: 'pro' } });
    expect(noId.status).toBe(400);
    expect(String(noId.body.error)).toMatch(/userId or anonymousId is required/);

    const badTime = await s.post('/v1/track', { userId: 'v1', event: 'X', timestamp: 'yesterday' });
    expect(badTime.status).toBe(400);
    expect(String(badTime.body.error)).toMatch(/timestamp: must be an ISO-8601 date/);

    const notJson = await s.post('/v1/track', '{"userId": ');
    expect(notJson.status).toBe(400);
    expect(String(notJson.body.error)).toMatch(/not valid JSON/);
    expect(await s.db.event.count({ where: { customerId: 'v1' } })).toBe(0);
  });

  it('refuses a batch with one bad call whole, naming the call, and stores none of it', async () => {
    const res = await s.post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'b1', event: 'Good One', messageId: 'b-good' },
        { type: 'track', userId: 'b1', messageId: 'b-bad' },
      ],
    });
    expect(res.status).toBe(400);
    expect(String(res.body.error)).toMatch(/batch\.1\.event/);
    expect(await s.db.event.count({ where: { messageId: { in: ['b-good', 'b-bad'] } } })).toBe(0);
  });
});

describe('reserved event names', () => {
  // The write key is public by design (it sits in web pages): whoever has it must not be able to
  // send Cairn's own events and enter customers into manual-trigger journeys or fake changes.
  it('refuses a forged $enrol, $attribute_changed or $schedule with 400; nothing is stored, enrolled or started', async () => {
    await publish(manualWithWait('forge-manual'));
    await publish(upgraded('forge-attr'));
    await publish(welcome('forge-normal'));

    const enrol = await s.post('/v1/track', { userId: 'forger', event: '$enrol', messageId: 'forge-1' });
    expect(enrol.status).toBe(400);
    expect(enrol.body).toMatchObject({ success: false, problems: [{ path: 'event' }] });
    expect(String(enrol.body.error)).toMatch(/^event: "\$enrol" is reserved: event names starting with "\$" are Cairn's own/);

    const attr = await s.post('/v1/track', { userId: 'forger', event: '$attribute_changed', properties: { attribute: 'plan', to: 'pro' }, messageId: 'forge-2' });
    expect(attr.status).toBe(400);
    expect(String(attr.body.error)).toMatch(/"\$attribute_changed" is reserved/);

    // A batch is accepted or refused whole (as with any invalid call): the valid call in it is
    // not stored either, and the answer names each forged call by index.
    const batch = await s.post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'forger', event: 'Signed Up', messageId: 'forge-3' },
        { type: 'track', userId: 'forger', event: '$enrol', messageId: 'forge-4' },
        { type: 'track', userId: 'forger', event: '$schedule', properties: { nodeId: 'start' }, messageId: 'forge-5' },
      ],
    });
    expect(batch.status).toBe(400);
    expect((batch.body.problems as Array<{ path: string }>).map((p) => p.path)).toEqual(['batch.1.event', 'batch.2.event']);
    expect(String(batch.body.error)).toMatch(/batch\.1\.event: "\$enrol" is reserved.*batch\.2\.event: "\$schedule" is reserved/);

    // Give a wrongly accepted call time to be routed before looking for its effects.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await s.db.event.count({ where: { customerId: 'forger' } })).toBe(0);
    expect(await s.db.customer.count({ where: { id: 'forger' } })).toBe(0);
    expect(await s.db.enrolment.count({ where: { customerId: 'forger' } })).toBe(0);
    const client = new Client({ connection: await Connection.connect({ address: s.temporalAddress }) });
    try {
      for (const journeyId of ['forge-manual', 'forge-attr', 'forge-normal']) {
        await expect(client.workflow.getHandle(workflowIdFor(journeyId, 'forger', 1)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      }
    } finally {
      await client.connection.close();
    }

    // The same customer's ordinary event still works, and an enrolment through the API still does.
    const normal = await s.post('/v1/track', { userId: 'forger', event: 'Signed Up', messageId: 'forge-6' });
    expect(normal).toMatchObject({ status: 200, body: { stored: 1 } });
    await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'forge-normal', customerId: 'forger' } }),
      // The journey reached its email step (the customer has no address: that is its outcome).
      (m) => m.length === 1 && m[0]?.status === 'no_address',
    );
    expect(await s.db.enrolment.count({ where: { customerId: 'forger', journeyId: { in: ['forge-manual', 'forge-attr'] } } })).toBe(0);
    await s.caller.journeys.enrol({ journeyId: 'forge-manual', customerId: 'forger' });
    expect(await s.db.enrolment.count({ where: { customerId: 'forger', journeyId: 'forge-manual' } })).toBe(1);
  }, 60_000);
});

describe('storage', () => {
  it('has stored the event when it answers 200, and keeps one row per messageId', async () => {
    const body = { userId: 'st1', event: 'Viewed Pricing', messageId: 'st-1', properties: { plan: 'pro' }, timestamp: '2026-01-02T03:04:05Z' };
    const first = await s.post('/v1/track', body);
    expect(first.status).toBe(200);
    const row = await s.db.event.findUnique({ where: { messageId: 'st-1' } });
    expect(row).toMatchObject({ customerId: 'st1', name: 'Viewed Pricing', properties: { plan: 'pro' } });
    expect(row?.timestamp.toISOString()).toBe('2026-01-02T03:04:05.000Z');

    const again = await s.post('/v1/track', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await s.db.event.count({ where: { messageId: 'st-1' } })).toBe(1);
  });

  it('accepts a batch of identify and track calls (numeric ids too)', async () => {
    const res = await s.post('/v1/batch', {
      batch: [
        { type: 'identify', userId: 42, traits: { email: 'x@example.test', plan: 'free' }, messageId: 'bt-1' },
        { type: 'track', userId: 42, event: 'Opened App', messageId: 'bt-2' },
        { type: 'page', anonymousId: 'anon-1', name: 'Home', messageId: 'bt-3' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stored: 3, duplicates: 0 });
    const c = await s.db.customer.findUnique({ where: { id: '42' } });
    expect(c).toMatchObject({ email: 'x@example.test', attributes: { email: 'x@example.test', plan: 'free' } });
    expect(await s.db.event.findUnique({ where: { messageId: 'bt-3' } })).toMatchObject({ customerId: 'anon-1', name: '$page' });
  });
});

describe('batches stored in one statement', () => {
  it('stores a messageId named twice in one batch once, and routes a duplicate that was stored but never routed', async () => {
    const twice = { type: 'track', userId: 'dd1', event: 'Viewed Docs', messageId: 'dd-1' };
    const res = await s.post('/v1/batch', { batch: [twice, { ...twice, properties: { again: true } }] });
    expect(res).toMatchObject({ status: 200, body: { stored: 1, duplicates: 1, routed: true } });
    expect(await s.db.event.count({ where: { messageId: 'dd-1' } })).toBe(1);

    await publish(welcome('dupe-route'));
    await s.db.customer.create({ data: { id: 'dd2', email: 'dd2@example.test' } });
    await s.db.event.create({ data: { messageId: 'dd-lost', customerId: 'dd2', type: 'track', name: 'Signed Up', timestamp: new Date() } });
    const retry = await s.post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'dd2', event: 'Signed Up', messageId: 'dd-lost' },
        { type: 'track', userId: 'dd2', event: 'Viewed Docs', messageId: 'dd-2' },
      ],
    });
    expect(retry).toMatchObject({ status: 200, body: { stored: 1, duplicates: 1, routed: true } });
    expect(await s.db.event.findUnique({ where: { messageId: 'dd-lost' } })).toMatchObject({ processedAt: expect.any(Date) });
    expect(await s.db.enrolment.count({ where: { journeyId: 'dupe-route', customerId: 'dd2' } })).toBe(1);
  }, 60_000);
});

describe('single calls stored in groups', () => {
  it('concurrent calls: each stored once and answered for itself, keyed to the surviving profile, routed before the answer', async () => {
    await publish(welcome('group-welcome'));
    // A profile merged into another (its id now points there) and one that carries an anonymousId.
    await s.db.customer.create({ data: { id: 'grp-user' } });
    await s.db.customer.create({ data: { id: 'grp-old', mergedInto: 'grp-user' } });
    await s.db.customer.create({ data: { id: 'grp-owner', anonymousId: 'grp-anon' } });
    const calls = [
      ...Array.from({ length: 40 }, (_, i) => ({ userId: `grp-c${i % 5}`, event: 'Page Viewed', messageId: `grp-m${i}` })),
      // The same call sent ten times at once (a client retrying): stored once.
      ...Array.from({ length: 10 }, () => ({ userId: 'grp-c0', event: 'Page Viewed', messageId: 'grp-same' })),
      { userId: 'grp-old', event: 'Page Viewed', messageId: 'grp-to-user' },
      { anonymousId: 'grp-anon', event: 'Page Viewed', messageId: 'grp-to-owner' },
      { userId: 'grp-new', event: 'Signed Up', messageId: 'grp-signed-up' },
    ];
    const answers = await Promise.all(calls.map((c) => s.post('/v1/track', c)));
    expect(answers.every((a) => a.status === 200 && Number(a.body.stored) + Number(a.body.duplicates) === 1)).toBe(true);
    const sameStored = answers.filter((a, i) => calls[i]!.messageId === 'grp-same' && a.body.stored === 1);
    expect(sameStored).toHaveLength(1);
    expect(answers.reduce((n, a) => n + Number(a.body.stored), 0)).toBe(44);
    expect(await s.db.event.count({ where: { messageId: { startsWith: 'grp-' } } })).toBe(44);
    expect(await s.db.event.findUnique({ where: { messageId: 'grp-to-user' } })).toMatchObject({ customerId: 'grp-user' });
    expect(await s.db.event.findUnique({ where: { messageId: 'grp-to-owner' } })).toMatchObject({ customerId: 'grp-owner' });
    expect(await s.db.customer.count({ where: { id: { in: ['grp-anon', 'grp-c0', 'grp-c4', 'grp-new'] } } })).toBe(3);
    // Routed before its answer: the entry is there at once, and the event marked processed.
    expect(await s.db.enrolment.count({ where: { journeyId: 'group-welcome', customerId: 'grp-new' } })).toBe(1);
    expect(await s.db.event.findUnique({ where: { messageId: 'grp-signed-up' } })).toMatchObject({ processedAt: expect.any(Date) });
  }, 60_000);
});

describe('recovery', () => {
  it('routes an event that was stored but never routed (process died after the commit)', async () => {
    await publish(welcome('recover'));
    await s.db.customer.create({ data: { id: 'ivy', email: 'ivy@example.test' } });
    // What a crash between "stored" and "routed" leaves behind: a row with no processedAt.
    await s.db.event.create({
      data: { messageId: 'lost-1', customerId: 'ivy', type: 'track', name: 'Signed Up', timestamp: new Date(), receivedAt: new Date(Date.now() - 60_000) },
    });
    const routed = await sweepUnrouted({ db: s.db, runner: s.runner, clock: { now: () => Date.now() } });
    expect(routed).toBeGreaterThanOrEqual(1);
    expect(await s.db.event.findUnique({ where: { messageId: 'lost-1' } })).toMatchObject({ processedAt: expect.any(Date) });
    await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'recover', customerId: 'ivy' } }),
      (m) => m.length === 1 && m[0]?.status === 'sent',
    );
    // The client's retry of the same call finds it stored and routed: nothing more happens.
    const retry = await s.post('/v1/track', { userId: 'ivy', event: 'Signed Up', messageId: 'lost-1' });
    expect(retry.body).toMatchObject({ duplicates: 1 });
    expect(await s.db.enrolment.count({ where: { journeyId: 'recover', customerId: 'ivy' } })).toBe(1);
  }, 60_000);
});

// Real client libraries from npm, talking to the real ingest over HTTP as they do in production:
// what they put on the wire (gzip, their content types, batch fields, sentAt, writeKey, context).
describe('real Segment-spec client libraries', () => {
  const stored = (customerId: string) =>
    // $attribute_changed rows are Cairn's own (written for the identify's traits): not what was sent.
    s.db.event.findMany({ where: { customerId, name: { not: '$attribute_changed' } }, orderBy: { timestamp: 'asc' }, select: { name: true, properties: true, context: true } });

  it("Segment's @segment/analytics-node: identify, track and page arrive, the journey is entered", async () => {
    await publish(welcome('seg-lib'));
    const analytics = new Analytics({ writeKey: s.writeKey, host: s.url, flushAt: 3, maxRetries: 0 });
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    analytics.identify({ userId: 'seg-1', traits: { email: 'seg-1@example.com', firstName: 'Lan' } });
    analytics.track({ userId: 'seg-1', event: 'Signed Up', properties: { plan: 'pro' } });
    analytics.page({ userId: 'seg-1', name: 'Pricing', properties: { path: '/pricing' } });
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(errors).toEqual([]);
    const events = await stored('seg-1');
    expect(events.map((e) => e.name).sort()).toEqual(['$identify', '$page', 'Signed Up']);
    expect(events.find((e) => e.name === 'Signed Up')?.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
    const customer = await s.db.customer.findUniqueOrThrow({ where: { id: 'seg-1' } });
    expect(customer.email).toBe('seg-1@example.com');
    await eventually(() => s.db.enrolment.count({ where: { journeyId: 'seg-lib', customerId: 'seg-1' } }), (n) => n === 1);
  }, 60_000);

  it("RudderStack's @rudderstack/rudder-sdk-node: gzip-compressed batches arrive", async () => {
    const client = new RudderAnalytics(s.writeKey, { dataPlaneUrl: s.url, flushAt: 2, gzip: true });
    client.identify({ userId: 'rs-1', traits: { email: 'rs-1@example.com' } });
    client.track({ userId: 'rs-1', event: 'Order Completed', properties: { total: 42 } });
    await new Promise<void>((resolve, reject) => client.flush((err?: unknown) => (err ? reject(err) : resolve())));
    const events = await eventually(() => stored('rs-1'), (e) => e.length === 2);
    expect(events.map((e) => e.name).sort()).toEqual(['$identify', 'Order Completed']);
    expect(events.find((e) => e.name === 'Order Completed')?.properties).toEqual({ total: 42 });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'rs-1' } })).email).toBe('rs-1@example.com');
  }, 60_000);

  it('takes the write key from the body when no Authorization header is sent, and refuses a wrong one', async () => {
    const ok = await s.post('/v1/batch', { writeKey: s.writeKey, batch: [{ type: 'track', userId: 'wk-body', event: 'Signed Up' }] }, null);
    expect(ok.status).toBe(200);
    const wrong = await s.post('/v1/batch', { writeKey: 'wk_wrong', batch: [{ type: 'track', userId: 'wk-body-2', event: 'Signed Up' }] }, null);
    expect(wrong.status).toBe(401);
    expect(await s.db.event.count({ where: { customerId: { in: ['wk-body', 'wk-body-2'] } } })).toBe(1);
  });

  it('refuses corrupt gzip with 400 and an unknown Content-Encoding with 415, storing nothing', async () => {
    const send = (body: Buffer, encoding: string) =>
      fetch(`${s.url}/v1/track`, {
        method: 'POST',
        headers: { 'Content-Encoding': encoding, Authorization: `Basic ${Buffer.from(`${s.writeKey}:`).toString('base64')}` },
        body: new Uint8Array(body),
      });
    const good = await send(gzipSync(JSON.stringify({ userId: 'gz-1', event: 'Signed Up' })), 'gzip');
    expect(good.status).toBe(200);
    const corrupt = await send(Buffer.from('{"userId":"gz-2","event":"Signed Up"}'), 'gzip');
    expect(corrupt.status).toBe(400);
    expect(((await corrupt.json()) as { error: string }).error).toMatch(/not valid gzip/);
    const unknown = await send(gzipSync(JSON.stringify({ userId: 'gz-3', event: 'Signed Up' })), 'compress');
    expect(unknown.status).toBe(415);
    expect(await s.db.event.count({ where: { customerId: { in: ['gz-1', 'gz-2', 'gz-3'] } } })).toBe(1);
  });
});

describe('healthz', () => {
  it('reports the database and Temporal', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: { ok: true, detail: expect.stringMatching(/PostgreSQL/) }, temporal: { ok: true } });
  });

  it('answers 503 naming the database when it is unreachable', async () => {
    const dead = createDb(`postgresql://postgres:x@127.0.0.1:${await freePort()}/cairn`);
    const server = createApiServer({ db: dead, runner: s.runner, log: () => {} });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, database: { ok: false }, temporal: { ok: true } });
    } finally {
      server.close();
      await dead.$disconnect();
    }
  });
});
