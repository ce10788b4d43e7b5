/**
 * API keys and the REST API on the real stack (embedded PostgreSQL, Temporal dev server, worker,
 * HTTP API): a client generated from /api/openapi.json (openapi-typescript types, openapi-fetch)
 * drives journeys, enrolments, customers and suppressions with a key; a key without the scope
 * gets 403, a revoked or unknown key 401; tRPC takes the same keys; every call is audited.
 */
import { readFile } from 'node:fs/promises';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from '../../api/src/rest/openapi-types.gen.js';
import { openApiTypes } from '../../api/src/rest/write-types.js';
import { eventually, useStack, type Stack } from './support/stack.js';
import { manualWithWait, welcome } from './support/journeys.js';

let s: Stack;
useStack((stack) => (s = stack));

const client = (token: string) => createClient<paths>({ baseUrl: `${s.url}/api`, headers: { Authorization: `Bearer ${token}` } });
const trpc = (token: string, procedure: string, input?: unknown) =>
  fetch(`${s.url}/trpc/${procedure}`, {
    method: input === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(input === undefined ? {} : { body: JSON.stringify(input) }),
  });

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 at /api/openapi.json, the committed client types are generated from it, and /api/docs renders it', async () => {
    const res = await fetch(`${s.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/journeys', '/results', '/journeys/{journeyId}/results', '/journeys/{id}/publish', '/journeys/{journeyId}/enrolments', '/customers/{id}', '/customers/{id}/events', '/customers/{customerId}/consents', '/suppressions']),
    );
    const committed = await readFile(new URL('../../api/src/rest/openapi-types.gen.ts', import.meta.url), 'utf8');
    expect(committed, 'stale: run npm run openapi:types -w @cairn/api').toBe(await openApiTypes(doc));
    const page = await fetch(`${s.url}/api/docs`);
    expect(await page.text()).toMatch(/swagger-ui-bundle\.js/);
    expect((await fetch(`${s.url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe('a generated client with API keys', () => {
  it('drives a journey, an enrolment, a customer and a suppression; scopes give 403, revoked keys 401; every call is audited', async () => {
    const full = await s.caller.apiKeys.create({ name: 'backend', scopes: ['read', 'write', 'publish'] });
    const reader = await s.caller.apiKeys.create({ name: 'dashboard', scopes: ['read'] });
    expect(full.token).toMatch(/^cairn_[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored; the token is never listed again.
    const stored = await s.db.apiKey.findUniqueOrThrow({ where: { id: full.key.id } });
    expect(stored.hash).not.toContain(full.token);
    expect(JSON.stringify(await s.caller.apiKeys.list())).not.toContain(full.token);

    const api = client(full.token);
    const draft = manualWithWait('rest-manual');
    const saved = await api.PUT('/journeys/{id}', { params: { path: { id: draft.id } }, body: { draft } });
    expect(saved.response.status).toBe(200);
    expect(saved.data?.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const published = await api.POST('/journeys/{id}/publish', { params: { path: { id: draft.id } }, body: { note: 'from the API' } });
    expect(published.data).toMatchObject({ version: 1, publishedBy: 'API key "backend"' });
    const list = await api.GET('/journeys');
    expect(list.data?.journeys.find((j) => j.id === draft.id)).toMatchObject({ status: 'active', liveVersion: 1 });
    const got = await api.GET('/journeys/{id}', { params: { path: { id: draft.id } } });
    expect(got.data?.draft).toMatchObject({ id: draft.id });

    expect((await s.post('/v1/identify', { userId: 'rest-1', traits: { email: 'rest-1@example.test' } })).status).toBe(200);
    const enrolled = await api.POST('/journeys/{journeyId}/enrolments', { params: { path: { journeyId: draft.id } }, body: { customerId: 'rest-1' } });
    expect(enrolled.data).toMatchObject({ enrolled: true });
    await eventually(() => s.db.enrolment.findMany({ where: { journeyId: draft.id, customerId: 'rest-1' } }), (e) => e[0]?.status === 'waiting');
    const removed = await api.DELETE('/journeys/{journeyId}/customers/{customerId}', { params: { path: { journeyId: draft.id, customerId: 'rest-1' } } });
    expect(removed.data).toEqual({ removed: 1 });
    await eventually(() => s.db.enrolment.findMany({ where: { journeyId: draft.id, customerId: 'rest-1' } }), (e) => e[0]?.status === 'exited');

    expect((await api.POST('/journeys/{id}/pause', { params: { path: { id: draft.id } } })).data?.journey.status).toBe('paused');
    expect((await api.POST('/journeys/{id}/resume', { params: { path: { id: draft.id } } })).data?.journey.status).toBe('active');

    const found = await api.GET('/customers', { params: { query: { query: 'rest-1' } } });
    expect(found.data?.customers.map((c) => c.id)).toEqual(['rest-1']);
    const added = await api.POST('/suppressions', { body: { email: 'rest-1@example.test', reason: 'manual', channel: 'email' } });
    expect(added.data?.suppressions).toHaveLength(1);
    const customer = await api.GET('/customers/{id}', { params: { path: { id: 'rest-1' } } });
    expect(customer.data).toMatchObject({ email: 'rest-1@example.test', suppressions: [{ channel: 'email', reason: 'manual' }] });
    const suppressionId = added.data!.suppressions[0]!.id;
    const lifted = await api.POST('/suppressions/{id}/remove', { params: { path: { id: suppressionId } }, body: { reason: 'asked again' } });
    expect(lifted.data).toMatchObject({ removedReason: 'asked again', removedAt: expect.any(String) });
    expect((await api.GET('/suppressions', { params: { query: { customerId: 'rest-1', state: 'all' } } })).data?.items).toHaveLength(1);

    // Customers and events go the way ingest takes them: attribute triggers, event triggers.
    await s.publish(welcome('rest-welcome'));
    const upserted = await api.PUT('/customers/{id}', { params: { path: { id: 'rest-2' } }, body: { traits: { email: 'rest-2@example.test', plan: 'pro' } } });
    expect(upserted.data).toEqual({ customerId: 'rest-2', stored: true, routed: true });
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'rest-2' } })).toMatchObject({ email: 'rest-2@example.test', attributes: { plan: 'pro' } });
    const tracked = await api.POST('/customers/{id}/events', { params: { path: { id: 'rest-2' } }, body: { event: 'Signed Up', messageId: 'rest-ev-1' } });
    expect(tracked.data).toMatchObject({ stored: true, routed: true });
    await eventually(() => s.db.message.findMany({ where: { journeyId: 'rest-welcome', customerId: 'rest-2' } }), (m) => m[0]?.status === 'sent');
    const again = await api.POST('/customers/{id}/events', { params: { path: { id: 'rest-2' } }, body: { event: 'Signed Up', messageId: 'rest-ev-1' } });
    expect(again.data).toMatchObject({ stored: false });
    const forged = await api.POST('/customers/{id}/events', { params: { path: { id: 'rest-2' } }, body: { event: '$enrol' } });
    expect(forged.response.status).toBe(400);
    expect(JSON.stringify(forged.error)).toMatch(/"\$enrol\\" is reserved/);

    const consent = await api.POST('/customers/{customerId}/consents', { params: { path: { customerId: 'rest-2' } }, body: { topic: 'promotions', channel: 'email', status: 'refused' } });
    expect(consent.data).toMatchObject({ topic: 'promotions', channel: 'email', status: 'refused', source: 'api' });
    const consents = await api.GET('/customers/{customerId}/consents', { params: { path: { customerId: 'rest-2' } } });
    expect(consents.data?.consents.map((c) => c.status)).toEqual(['refused']);

    // A read key reads, and may not publish or write: 403 naming the scope, no stack.
    const read = client(reader.token);
    expect((await read.GET('/journeys')).response.status).toBe(200);
    const refused = await read.POST('/journeys/{id}/stop', { params: { path: { id: draft.id } } });
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('"publish" scope') });
    expect(JSON.stringify(refused.error)).not.toMatch(/stack|\.ts:\d+/);
    expect((await read.POST('/suppressions', { body: { customerId: 'rest-1', reason: 'manual' } })).response.status).toBe(403);
    expect((await s.db.journey.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('active');

    // Results with a read key: the welcome journey sent rest-2 one email; flat range parameters.
    const results = await read.GET('/journeys/{journeyId}/results', { params: { path: { journeyId: 'rest-welcome' }, query: { days: '7' } } });
    expect(results.response.status).toBe(200);
    expect(results.data).toMatchObject({ journey: { id: 'rest-welcome' }, version: null, range: { days: 7 }, headline: { entered: 1 } });
    expect(results.data?.channels.find((c) => c.channel === 'email')).toMatchObject({ sent: 1 });
    const overview = await read.GET('/results', { params: { query: { days: '30' } } });
    expect(overview.data?.journeys.map((j) => j.journeyId)).toEqual(expect.arrayContaining(['rest-welcome', draft.id]));
    const mixed = await read.GET('/results', { params: { query: { days: '7', from: '2026-01-01', to: '2026-01-02' } } });
    expect(mixed.response.status).toBe(400);
    expect(mixed.error).toMatchObject({ message: 'give either days, or from and to, not both' });
    expect((await read.GET('/journeys/{journeyId}/results', { params: { path: { journeyId: 'no-such-journey' } } })).response.status).toBe(404);

    // tRPC takes the same keys and scopes; people's procedures stay closed to keys.
    expect((await trpc(reader.token, 'journeys.list')).status).toBe(200);
    expect((await trpc(reader.token, 'journeys.pause', { id: draft.id })).status).toBe(403);
    expect((await trpc(full.token, 'users.list')).status).toBe(403);
    expect((await trpc(full.token, 'auth.changePassword', { current: 'x', next: 'y' })).status).toBe(403);

    // Revoked at once; an unknown key is refused the same way.
    await s.caller.apiKeys.revoke({ id: reader.key.id });
    const revoked = await read.GET('/journeys');
    expect(revoked.response.status).toBe(401);
    expect(revoked.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'the API key is unknown or revoked' });
    expect((await trpc(reader.token, 'journeys.list')).status).toBe(401);
    expect((await client(`cairn_${'x'.repeat(43)}`).GET('/journeys')).response.status).toBe(401);

    // The audit: every call with a live key, its route, procedure, status and outcome; last use shown.
    const calls = await eventually(() => s.caller.apiKeys.calls({ id: reader.key.id }), (c) => c.length >= 5);
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: `POST /api/journeys/${draft.id}/stop`, status: 403, outcome: expect.stringMatching(/^FORBIDDEN: this API key lacks the "publish" scope/) }),
        expect.objectContaining({ route: 'POST /trpc/journeys.pause', procedure: 'journeys.pause', status: 403 }),
        expect.objectContaining({ route: 'GET /api/journeys', procedure: 'journeys.list', status: 200, outcome: 'ok' }),
      ]),
    );
    const fullCalls = await eventually(() => s.caller.apiKeys.calls({ id: full.key.id, limit: 500 }), (c) => c.length >= 21);
    expect(fullCalls.find((c) => c.procedure === 'journeys.publish')).toMatchObject({ route: `POST /api/journeys/${draft.id}/publish`, status: 200, outcome: 'ok' });
    const keys = await s.caller.apiKeys.list();
    expect(keys.find((k) => k.id === full.key.id)?.lastUsedAt).toBeInstanceOf(Date);
    expect(keys.find((k) => k.id === reader.key.id)?.revokedAt).toBeInstanceOf(Date);
  }, 90_000);
});
