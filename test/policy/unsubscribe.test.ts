/**
 * The public unsubscribe surface over real HTTP and real PostgreSQL: the signed link (forged and
 * altered tokens refused), RFC 8058 one-click POSTs as mail providers send them, the hosted
 * preference page, and inbound SMS STOP / START. Each change is checked through the real send
 * path right after the response. The API server gets a recording runner: nothing here starts journeys.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, createCaller, ensureDevelopmentWriteKey, type JourneyRunner } from '@cairn/api';
import { allChannels, deliver, logProvider, messageLinks, signUnsubscribeToken, unsubscribeSecrets, type MessageNode } from '@cairn/engine/runtime';
import { journeyOf, publish } from '../engine/support/fixtures.js';
import { startTestDb, type TestDb } from '../engine/support/db.js';
import { customer, messageNode, sendWorld, type SendWorld } from './support/send.js';

/** In-process calls (createCaller) carry the signed-in user themselves; HTTP sign-in is tested in test/api/auth. */
const STAFF = { id: 'staff', email: 'support@shop.test', name: 'Support', role: 'member' as const };

const runner: JourneyRunner = { enrol: async () => undefined, signal: async () => false, health: async () => ({ ok: true, detail: 'recording runner' }) };
let pg: TestDb;
let server: Server;
let base: string;
let w: SendWorld;
let secret: string;
let writeKey: string;

beforeAll(async () => {
  pg = await startTestDb();
  server = createApiServer({ db: pg.db, runner, log: () => undefined });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  w = sendWorld(pg.db);
  w.clock.t = Date.now();
  secret = (await unsubscribeSecrets(pg.db, {})).current;
  writeKey = await ensureDevelopmentWriteKey(pg.db);
  await w.settings({ topics: [{ id: 'promotions', label: 'Offers' }, { id: 'product_news', label: 'Product news' }] });
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await pg?.stop();
});

const link = (customerId: string, over: { channel?: 'email' | 'sms'; topic?: string } = { channel: 'email', topic: 'promotions' }) =>
  `${base}/u/${signUnsubscribeToken({ customerId, ...over, issuedAt: Date.now() }, secret)}`;

describe('the unsubscribe link', () => {
  it('shows the preference page without changing anything', async () => {
    const id = await customer(pg.db, 'page-1');
    const res = await fetch(link(id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('p***@example.test');
    expect(html).toContain('value="promotions:email" checked');
    expect(await pg.db.consent.count({ where: { customerId: id } })).toBe(0);
    expect(await pg.db.suppression.count({ where: { customerId: id } })).toBe(0);
  });

  it('rejects forged and altered tokens, and tokens signed with another secret', async () => {
    const id = await customer(pg.db, 'forge-1');
    const good = link(id);
    const token = good.slice(`${base}/u/`.length);
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const forgedClaims = `u1.${Buffer.from(JSON.stringify({ c: 'someone-else', iat: 1 })).toString('base64url')}.${token.split('.')[2]}`;
    for (const t of [flipped, forgedClaims, signUnsubscribeToken({ customerId: id, issuedAt: 1 }, 'not-the-workspace-secret'), 'u1.abc', 'garbage']) {
      const get = await fetch(`${base}/u/${t}`);
      expect(get.status, t).toBe(400);
      const post = await fetch(`${base}/u/${t}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(post.status, t).toBe(400);
    }
    expect(await pg.db.consent.count()).toBe(0);
    expect(await pg.db.suppression.count({ where: { customerId: { in: [id, 'someone-else'] } } })).toBe(0);
  });

  it('one-click POST as mail providers send it (form-encoded), effective for the very next send', async () => {
    const id = await customer(pg.db, 'oneclick-form');
    const links = messageLinks({ baseUrl: base, secret }, { customerId: id, channel: 'email', topic: 'promotions', issuedAt: Date.now() });
    expect(await w.send('oc-before', id, messageNode('action.email'))).toMatchObject({ status: 'sent' });
    const res = await fetch(links.unsubscribe_url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await w.send('oc-after', id, messageNode('action.email'))).toMatchObject({ status: 'suppressed' });
    // Journeys that exit on "Unsubscribed" get the event (stored and routed like an ingested one).
    expect(await pg.db.event.findFirst({ where: { customerId: id, name: 'Unsubscribed' } })).toMatchObject({ properties: { channel: 'email', topic: 'promotions', source: 'one-click' } });
    // That topic only: product news still goes, and so do promotions by SMS.
    expect(await w.send('oc-news', id, messageNode('action.email', { topic: 'product_news' }))).toMatchObject({ status: 'sent' });
    expect(await w.send('oc-sms', id, messageNode('action.sms'))).toMatchObject({ status: 'sent' });
  });

  it('one-click POST as multipart/form-data, no cookies, channel-wide link', async () => {
    const id = await customer(pg.db, 'oneclick-multipart');
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    const res = await fetch(link(id, { channel: 'email' }), { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await pg.db.suppression.findFirst({ where: { customerId: id, removedAt: null } })).toMatchObject({ channel: 'email', reason: 'unsubscribed', source: 'one-click' });
    expect(await w.send('mp-1', id, messageNode('action.email', { topic: 'product_news' }))).toMatchObject({ status: 'suppressed' });
    // A soft, one-channel unsubscribe: transactional email and other channels still go.
    expect(await w.send('mp-2', id, messageNode('action.email', { transactional: true }))).toMatchObject({ status: 'sent' });
  });

  it('the preference page: save topics x channels, unsubscribe from everything, resubscribe', async () => {
    const id = await customer(pg.db, 'prefs-1');
    const url = link(id, {});
    const save = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'c=product_news%3Aemail&c=promotions%3Asms&action=save' });
    expect(save.status).toBe(200);
    expect(await save.text()).toContain('Your preferences are saved.');
    expect(await w.send('pp-1', id, messageNode('action.email'))).toMatchObject({ status: 'suppressed', reason: expect.stringContaining('refused "promotions"') });
    expect(await w.send('pp-2', id, messageNode('action.email', { topic: 'product_news' }))).toMatchObject({ status: 'sent' });
    expect(await w.send('pp-3', id, messageNode('action.sms'))).toMatchObject({ status: 'sent' });

    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=unsubscribe-all' });
    for (const [k, n] of [['pp-4', messageNode('action.sms')], ['pp-5', messageNode('action.email', { transactional: true })]] as const) {
      expect(await w.send(k, id, n)).toMatchObject({ status: 'suppressed' });
    }
    const again = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=resubscribe' });
    expect(await again.text()).toContain('subscribed again');
    expect(await w.send('pp-6', id, messageNode('action.sms'))).toMatchObject({ status: 'sent' });
  });
});

describe('links in every marketing email', () => {
  it('carries the signed link and the RFC 8058 headers; the header URL unsubscribes with one POST', async () => {
    const id = await customer(pg.db, 'links-1');
    const linked = sendWorld(pg.db, Date.now(), { baseUrl: base, secret });
    const body = 'Hello.\n--\nPreferences: {{ preferences_url }} · Unsubscribe: {{ unsubscribe_url }}';
    expect(await linked.send('links-a', id, messageNode('action.email', { body }))).toMatchObject({ status: 'sent' });
    const [mail] = linked.delivered;
    const header = mail?.headers?.['List-Unsubscribe'] ?? '';
    expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(http[^>]+)>$/.exec(header)?.[1] ?? '';
    expect(url.startsWith(`${base}/u/u1.`)).toBe(true);
    expect(mail?.content.body).toContain(`Unsubscribe: ${url}`);
    expect(mail?.content.body).toMatch(new RegExp(`Preferences: ${base}/u/u1\\.`));
    // Transactional email carries neither.
    expect(await linked.send('links-b', id, messageNode('action.email', { transactional: true, body }))).toMatchObject({ status: 'sent' });
    expect(linked.delivered[1]?.headers).toBeUndefined();
    expect(linked.delivered[1]?.content.body).not.toContain('/u/');
    // What a mail provider does with the header: POST the body to the URL, no cookies.
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await linked.send('links-c', id, messageNode('action.email', { body }))).toMatchObject({ status: 'suppressed' });
  });
});

describe('inbound SMS keywords', () => {
  const post = (body: string, key: string | null = writeKey) =>
    fetch(`${base}/v1/sms/inbound${key ? `?key=${key}` : ''}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

  it('STOP suppresses SMS at once (transactional too); START lifts it', async () => {
    const id = await customer(pg.db, 'sms-1', { phone: '+84901234567' });
    expect((await post(new URLSearchParams({ From: '+84 90 123 4567', Body: ' Stop ' }).toString())).status).toBe(200);
    expect(await w.send('sms-a', id, messageNode('action.sms', { transactional: true }))).toMatchObject({ status: 'suppressed' });
    expect(await pg.db.event.count({ where: { customerId: id, name: 'Unsubscribed' } })).toBe(1);
    expect(await w.send('sms-b', id, messageNode('action.email'))).toMatchObject({ status: 'sent' });
    await post(new URLSearchParams({ From: '+84901234567', Body: 'UNSTOP' }).toString());
    expect(await w.send('sms-c', id, messageNode('action.sms'))).toMatchObject({ status: 'sent' });
    await post(new URLSearchParams({ From: '+84901234567', Body: 'Hủy' }).toString());
    expect(await w.send('sms-d', id, messageNode('action.sms'))).toMatchObject({ status: 'suppressed' });
  });

  it('needs the write key; other texts change nothing', async () => {
    const id = await customer(pg.db, 'sms-2', { phone: '+15550009999' });
    expect((await post('From=%2B15550009999&Body=STOP', null)).status).toBe(401);
    expect((await post('From=%2B15550009999&Body=please%20stop%20soon')).status).toBe(200);
    expect(await pg.db.suppression.count({ where: { customerId: id } })).toBe(0);
  });
});

describe('tRPC: suppressions and "why not"', () => {
  it('add, list, search, remove with a reason', async () => {
    const caller = createCaller({ db: pg.db, runner, clock: { now: () => Date.now() }, user: STAFF });
    const id = await customer(pg.db, 'api-1', { email: 'Lan.Nguyen@Example.test' });
    const [added] = await caller.suppressions.add({ email: 'lan.nguyen@example.test', channel: 'email', reason: 'hard_bounce', source: 'ses' });
    expect(added).toMatchObject({ customerId: id, channel: 'email', reason: 'hard_bounce' });
    expect(await w.send('api-a', id, messageNode('action.email', { transactional: true }))).toMatchObject({ status: 'suppressed' });
    expect((await caller.suppressions.list({ q: 'lan.nguyen' })).items.map((s) => s.id)).toEqual([added!.id]);
    await expect(caller.suppressions.remove({ id: added!.id, reason: '' })).rejects.toThrow(/say why/);
    const removed = await caller.suppressions.remove({ id: added!.id, reason: 'mailbox fixed, confirmed by phone', by: 'support@shop' });
    expect(removed).toMatchObject({ removedReason: 'mailbox fixed, confirmed by phone', removedBy: 'support@shop' });
    expect((await caller.suppressions.list({ customerId: id })).items).toHaveLength(0);
    expect((await caller.suppressions.list({ customerId: id, state: 'removed' })).items).toHaveLength(1);
    expect(await w.send('api-b', id, messageNode('action.email'))).toMatchObject({ status: 'sent' });
  });

  it('CSV import: per-row errors and nothing applied; then a clean file applied at once', async () => {
    const caller = createCaller({ db: pg.db, runner, clock: { now: () => Date.now() }, user: STAFF });
    await customer(pg.db, 'csv-1');
    await customer(pg.db, 'csv-2', { email: 'two@example.test' });
    const bad = await caller.suppressions.import({ csv: 'customer_id,email,channel,reason\ncsv-1,,email,spam_complaint\nnobody,,email,manual\n,two@example.test,fax,manual\n', fileName: 'bad.csv' });
    expect(bad.status).toBe('failed');
    expect(bad.errors).toEqual([{ row: 4, column: 'channel', message: expect.stringContaining('fax') }]);
    expect(await pg.db.suppression.count({ where: { customerId: { in: ['csv-1', 'csv-2'] } } })).toBe(0);
    const unknown = await caller.suppressions.import({ csv: 'customer_id,channel\ncsv-1,email\nnobody,email\n' });
    expect(unknown).toMatchObject({ status: 'failed', errors: [{ row: 3, message: 'no customer with id nobody' }] });
    const good = await caller.suppressions.import({ csv: '\uFEFFcustomer_id,email,channel,reason\r\ncsv-1,,email,spam_complaint\r\n,two@example.test,all,refused_contact\r\n' });
    expect(good).toMatchObject({ status: 'done', totalRows: 2, appliedRows: 2 });
    expect(await caller.suppressions.importStatus({ id: good.id })).toMatchObject({ status: 'done' });
    expect(await w.send('csv-a', 'csv-2', messageNode('action.push', { transactional: true }))).toMatchObject({ status: 'suppressed' });
  });

  it('why was this customer not messaged by this node?', async () => {
    const caller = createCaller({ db: pg.db, runner, clock: { now: () => Date.now() }, user: STAFF });
    const p = await publish(pg.db, journeyOf('why', [
      { id: 't', type: 'trigger.event', event: 'Signed Up' },
      { id: 'mail', type: 'action.email', subject: 'Hi', body: 'Welcome', topic: 'promotions' },
      { id: 'done', type: 'exit' },
    ], [['t', 'mail'], ['mail', 'done']]));
    const id = await customer(pg.db, 'why-1');
    const never = await caller.policy.whyNot({ customerId: id, journeyId: 'why', nodeId: 'mail' });
    expect(never).toMatchObject({ reached: false, summary: 'the customer never entered this journey', ifSentNow: { kind: 'allow' } });

    await caller.suppressions.add({ customerId: id, channel: 'email', reason: 'spam_complaint', source: 'isp feedback loop' });
    const node = p.journey.nodes.find((n) => n.id === 'mail') as MessageNode;
    const deps = { db: pg.db, providers: allChannels(logProvider), clock: { now: () => Date.now() } };
    await deliver(deps, { idempotencyKey: 'why-1:mail:1', customerId: id, node, journey: { id: 'why', name: p.journey.name } });
    const why = await caller.policy.whyNot({ customerId: id, journeyId: 'why', nodeId: 'mail' });
    expect(why.summary).toMatch(/^not messaged: suppressed — the customer refused contact on email \(spam complaint, since .*, via isp feedback loop\)$/);
    expect(why.attempts).toEqual([expect.objectContaining({ status: 'suppressed', code: 'spam_complaint' })]);
    expect(why.ifSentNow).toMatchObject({ kind: 'suppressed', code: 'spam_complaint', hard: true });
    await expect(caller.policy.whyNot({ customerId: 'nobody', journeyId: 'why', nodeId: 'mail' })).rejects.toThrow(/no customer/);
  });
});

describe('one suppression writer: requests racing each other record one row', () => {
  const active = (customerId: string) => pg.db.suppression.findMany({ where: { customerId, removedAt: null } });

  it('12 one-click POSTs, 12 SMS STOPs and 12 suppressions.add at once: one active row each', async () => {
    const caller = createCaller({ db: pg.db, runner, clock: { now: () => Date.now() }, user: STAFF });
    const id = await customer(pg.db, 'race-one', { phone: '+15550004242' });
    const oneClick = link(id, { channel: 'email' });
    const sms = new URLSearchParams({ From: '+15550004242', Body: 'STOP' }).toString();
    const responses = await Promise.all([
      ...Array.from({ length: 12 }, () => fetch(oneClick, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })),
      ...Array.from({ length: 12 }, () => fetch(`${base}/v1/sms/inbound?key=${writeKey}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: sms })),
    ]);
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(200));
    const added = await Promise.all(Array.from({ length: 12 }, () => caller.suppressions.add({ customerId: id, channel: 'push', reason: 'manual', note: 'asked by phone' })));
    const rows = await active(id);
    expect(rows.map((r) => `${r.channel}/${r.reason}/${r.source}`).sort()).toEqual(['email/unsubscribed/one-click', 'push/manual/api', 'sms/unsubscribed/sms-stop']);
    // Every caller gets the one row back.
    expect(new Set(added.map(([r]) => r!.id))).toEqual(new Set([rows.find((r) => r.channel === 'push')!.id]));
  });

  it('a CSV import and suppressions.add of the same suppression: one row; the import counts only what it added', async () => {
    const caller = createCaller({ db: pg.db, runner, clock: { now: () => Date.now() }, user: STAFF });
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => customer(pg.db, `race-csv-${i}`)));
    const csv = `customer_id,channel,reason\n${ids.map((id) => `${id},email,spam_complaint`).join('\n')}\n${ids[0]},email,spam_complaint\n`;
    const [job] = await Promise.all([
      caller.suppressions.import({ csv }),
      ...ids.slice(0, 10).map((customerId) => caller.suppressions.add({ customerId, channel: 'email', reason: 'spam_complaint' })),
    ]);
    expect(job.status).toBe('done');
    expect(await pg.db.suppression.count({ where: { customerId: { in: ids }, removedAt: null } })).toBe(20);
    expect(await pg.db.suppression.count({ where: { customerId: { in: ids }, importId: job.id } })).toBe(job.appliedRows);
    // Lifted, the same suppression can be recorded again (the unique key covers active rows only).
    const [row] = await active(ids[0]!);
    await caller.suppressions.remove({ id: row!.id, reason: 'complaint withdrawn' });
    const [again] = await caller.suppressions.add({ customerId: ids[0]!, channel: 'email', reason: 'spam_complaint' });
    expect(again!.id).not.toBe(row!.id);
  });
});
