/**
 * One customer per person by address, on the real stack (embedded PostgreSQL, Temporal dev
 * server, worker) through the real HTTP ingest: the workspace setting that merges known customers
 * with the same email or phone, the possible duplicates and an admin's merge when it is off, a
 * suppression on either side surviving, un-merge, and two entries into a once-only journey.
 */
import { createCaller } from '@cairn/api';
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { waitsForOrder } from './support/journeys.js';

let s: Stack;
useStack((stack) => (s = stack));

const names = async (customerId: string) =>
  (await s.db.event.findMany({ where: { customerId, type: { notIn: ['attribute', 'segment'] } }, orderBy: { timestamp: 'asc' } })).map((e) => e.name);
const activeSuppressions = async (customerId: string) =>
  (await s.db.suppression.findMany({ where: { customerId, removedAt: null }, orderBy: { channel: 'asc' } })).map((x) => `${x.channel} ${x.reason}`);
const latestConsent = async (customerId: string, topic: string) =>
  (await s.db.consent.findFirst({ where: { customerId, topic }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }))?.status;

describe('merge by the same address, setting on', () => {
  it('an identify giving a known customer the email of another merges them: the suppression moves to the survivor, the anonymous visitor stays apart', async () => {
    await s.caller.identity.saveSettings({ mergeOnSameAddress: true });
    // The first profile (the survivor: seen first), with a phone written with spaces and dashes.
    expect((await s.post('/v1/identify', { userId: 'mai', traits: { email: 'Mai@Example.com', phone: '+84 90-123-4567', firstName: 'Mai' } })).status).toBe(200);
    await s.post('/v1/track', { userId: 'mai', event: 'Viewed Pricing' });
    // A second known profile with another address, which refused SMS.
    expect((await s.post('/v1/identify', { userId: 'mai-crm', traits: { email: 'mai.work@example.com', plan: 'pro' } })).status).toBe(200);
    await s.post('/v1/track', { userId: 'mai-crm', event: 'Opened App' });
    await s.caller.suppressions.add({ customerId: 'mai-crm', channel: 'sms', reason: 'unsubscribed' });
    // An anonymous visitor typed the same email into a form: never merged by address.
    await s.post('/v1/identify', { anonymousId: 'anon-mai', traits: { email: 'mai@example.com' } });
    expect((await s.caller.identity.duplicates({ customerId: 'mai' })).map((d) => [d.id, d.via, d.anonymous])).toEqual([['anon-mai', 'email', true]]);

    // The CRM profile is given the same email, spelled differently: one person now.
    expect((await s.post('/v1/identify', { userId: 'mai-crm', traits: { email: '  MAI@example.com ' } })).status).toBe(200);
    const pointer = await s.db.customer.findUniqueOrThrow({ where: { id: 'mai-crm' } });
    expect(pointer.mergedInto).toBe('mai');
    expect(await names('mai')).toEqual(expect.arrayContaining(['$identify', 'Viewed Pricing', 'Opened App']));
    expect(await names('mai-crm')).toEqual([]);
    expect(await activeSuppressions('mai')).toEqual(['sms unsubscribed']);
    const mai = await s.db.customer.findUniqueOrThrow({ where: { id: 'mai' } });
    // The survivor's own values win; the later profile filled in the rest, and the identify's traits landed on the survivor.
    expect(mai.attributes).toMatchObject({ firstName: 'Mai', plan: 'pro', email: '  MAI@example.com ' });
    const merge = await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'mai-crm' } });
    expect(merge).toMatchObject({ targetId: 'mai', reason: 'email', by: 'ingest' });
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'anon-mai' } })).toMatchObject({ mergedInto: null, anonymous: true });

    // A phone written another way joins a third profile.
    expect((await s.post('/v1/identify', { userId: 'mai-app', traits: { phone: '+84901234567' } })).status).toBe(200);
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'mai-app' } })).mergedInto).toBe('mai');
    expect(await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'mai-app' } })).toMatchObject({ targetId: 'mai', reason: 'phone' });
    // A placeholder is no address: nobody merges on it.
    await s.post('/v1/identify', { userId: 'nobody-1', traits: { phone: '0' } });
    await s.post('/v1/identify', { userId: 'nobody-2', traits: { phone: '0' } });
    expect(await s.db.customer.count({ where: { id: { in: ['nobody-1', 'nobody-2'] }, mergedInto: null } })).toBe(2);
    await s.caller.identity.saveSettings({ mergeOnSameAddress: false });
  }, 90_000);
});

describe('merge by the same address through the CSV import and the REST upsert, setting on', () => {
  it('an imported row and a PUT /api/customers/{id} giving a known customer another one’s address merge them into the profile seen first', async () => {
    await s.caller.identity.saveSettings({ mergeOnSameAddress: true });
    await s.post('/v1/identify', { userId: 'an-first', traits: { email: 'an@example.com', phone: '+44 20 7946 0000' } });
    await s.caller.suppressions.add({ customerId: 'an-first', channel: 'email', reason: 'unsubscribed' });
    const cookie = await s.signIn();
    const job = await s.caller.customers.importStart({ fileName: 'crm.csv' });
    const csv = ['id,email,phone,plan', 'an-crm, AN@example.com ,,gold', 'someone-else,other@example.com,,free'].join('\r\n');
    const res = await fetch(`${s.url}/upload/customers/${job.id}`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'an-crm' } })).toMatchObject({ mergedInto: 'an-first' });
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'someone-else' } })).toMatchObject({ mergedInto: null });
    expect(await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'an-crm' } })).toMatchObject({ targetId: 'an-first', reason: 'email', by: 'import' });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'an-first' } })).attributes).toMatchObject({ plan: 'gold' });

    const key = await s.caller.apiKeys.create({ name: 'crm', scopes: ['read', 'write'] });
    const put = await fetch(`${s.url}/api/customers/an-app`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ traits: { phone: '+442079460000' } }),
    });
    expect(put.status).toBe(200);
    // The answer names the survivor, and the upsert's traits landed there.
    expect(((await put.json()) as { customerId: string }).customerId).toBe('an-first');
    expect(await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'an-app' } })).toMatchObject({ targetId: 'an-first', reason: 'phone', by: 'api' });
    expect(await activeSuppressions('an-first')).toEqual(['email unsubscribed']);
    await s.caller.identity.saveSettings({ mergeOnSameAddress: false });
  }, 90_000);
});

describe('setting off: possible duplicates, an admin merges and un-merges', () => {
  it('lists the duplicate, merges it by hand (the survivor’s suppression and refusal win), and the un-merge gives everything back, keeping later refusals on both', async () => {
    expect((await s.caller.identity.settings()).mergeOnSameAddress).toBe(false);
    await s.post('/v1/identify', { userId: 'tuan', traits: { email: 'tuan@example.com', firstName: 'Tuan' } });
    await s.post('/v1/track', { userId: 'tuan', event: 'Viewed Pricing' });
    await s.caller.suppressions.add({ customerId: 'tuan', channel: 'email', reason: 'unsubscribed' });
    await s.caller.policy.recordConsent({ customerId: 'tuan', topic: 'promotions', channel: 'all', status: 'refused' });
    await s.post('/v1/identify', { userId: 'tuan-shop', traits: { email: ' TUAN@example.com', city: 'Hue', firstName: 'T.' } });
    await s.post('/v1/track', { userId: 'tuan-shop', event: 'Order Completed', properties: { orderId: 'o-9' } });
    await s.caller.policy.recordConsent({ customerId: 'tuan-shop', topic: 'promotions', channel: 'all', status: 'granted' });
    // Off: nothing merged, both listed as each other's possible duplicates.
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'tuan-shop' } })).mergedInto).toBeNull();
    expect((await s.caller.identity.duplicates({ customerId: 'tuan' })).map((d) => [d.id, d.via])).toEqual([['tuan-shop', 'email']]);
    expect((await s.caller.identity.duplicates({ customerId: 'tuan-shop' })).map((d) => d.id)).toEqual(['tuan']);

    // Only an admin merges.
    const member = createCaller({ db: s.db, runner: s.runner, clock: { now: () => Date.now() }, user: { id: 'm', email: 'member@cairn.test', name: 'M', role: 'member' } });
    await expect(member.identity.merge({ sourceId: 'tuan-shop', targetId: 'tuan' })).rejects.toThrow(/only an admin/);
    const merged = await s.caller.identity.merge({ sourceId: 'tuan-shop', targetId: 'tuan' });
    expect(merged).toMatchObject({ merged: true, targetId: 'tuan' });
    expect(await names('tuan')).toEqual(expect.arrayContaining(['Viewed Pricing', 'Order Completed']));
    expect(await activeSuppressions('tuan')).toEqual(['email unsubscribed']);
    // The later grant on the other profile does not outvote the survivor's refusal.
    expect(await latestConsent('tuan', 'promotions')).toBe('refused');
    expect((await s.caller.identity.duplicates({ customerId: 'tuan' }))).toEqual([]);
    const [history] = await s.caller.identity.merges({ customerId: 'tuan' });
    expect(history).toMatchObject({ sourceId: 'tuan-shop', reason: 'manual', by: 'admin@cairn.test', undoable: true });
    await expect(s.caller.identity.merge({ sourceId: 'tuan-shop', targetId: 'tuan' })).rejects.toThrow(/merged into tuan already/);

    // While they were one: a refusal of SMS and of a topic, and an attribute change.
    await s.caller.suppressions.add({ customerId: 'tuan', channel: 'sms', reason: 'refused_contact' });
    await s.caller.policy.recordConsent({ customerId: 'tuan', topic: 'news', channel: 'email', status: 'refused' });
    await s.post('/v1/track', { userId: 'tuan', event: 'Logged In' });

    await expect(member.identity.unmerge({ mergeId: history!.id })).rejects.toThrow(/only an admin/);
    const undone = await s.caller.identity.unmerge({ mergeId: history!.id });
    // Its identify, three attribute changes and its order.
    expect(undone.restored).toMatchObject({ events: 5, suppressionsKeptOnBoth: 1, refusalsKeptOnBoth: 1 });
    const shop = await s.db.customer.findUniqueOrThrow({ where: { id: 'tuan-shop' } });
    expect(shop).toMatchObject({ mergedInto: null, email: ' TUAN@example.com' });
    expect(shop.attributes).toEqual({ email: ' TUAN@example.com', city: 'Hue', firstName: 'T.' });
    const tuan = await s.db.customer.findUniqueOrThrow({ where: { id: 'tuan' } });
    // The survivor gives back the attribute it only had from the other profile, and keeps its own.
    expect(tuan.attributes).toEqual({ email: 'tuan@example.com', firstName: 'Tuan' });
    expect(await names('tuan-shop')).toEqual(['$identify', 'Order Completed']);
    // What happened while they were one stays with the survivor.
    expect(await names('tuan')).toEqual(['$identify', 'Viewed Pricing', 'Logged In']);
    // The survivor's own suppression stays its own; the refusal recorded while merged stays on both.
    expect(await activeSuppressions('tuan')).toEqual(['email unsubscribed', 'sms refused_contact']);
    expect(await activeSuppressions('tuan-shop')).toEqual(['sms refused_contact']);
    expect(await latestConsent('tuan-shop', 'promotions')).toBe('granted');
    expect(await latestConsent('tuan', 'promotions')).toBe('refused');
    expect(await latestConsent('tuan-shop', 'news')).toBe('refused');
    expect(await latestConsent('tuan', 'news')).toBe('refused');
    expect((await s.caller.identity.duplicates({ customerId: 'tuan' })).map((d) => d.id)).toEqual(['tuan-shop']);
    const [after] = await s.caller.identity.merges({ customerId: 'tuan' });
    expect(after).toMatchObject({ id: history!.id, undoable: false, unmergedBy: 'admin@cairn.test' });
    await expect(s.caller.identity.unmerge({ mergeId: history!.id })).rejects.toThrow(/was undone/);
  }, 90_000);

  it('a suppression on the merged-away side survives the merge and goes back with the un-merge', async () => {
    await s.post('/v1/identify', { userId: 'ha', traits: { phone: '+1 555 010 2000' } });
    await s.post('/v1/identify', { userId: 'ha-old', traits: { phone: '+15550102000' } });
    await s.caller.suppressions.add({ customerId: 'ha-old', channel: 'all', reason: 'refused_contact' });
    await s.caller.suppressions.add({ customerId: 'ha-old', channel: 'email', reason: 'hard_bounce' });
    await s.caller.suppressions.add({ customerId: 'ha', channel: 'email', reason: 'hard_bounce' });
    expect((await s.caller.identity.duplicates({ customerId: 'ha' })).map((d) => [d.id, d.via])).toEqual([['ha-old', 'phone']]);
    const { mergeId } = await s.caller.identity.merge({ sourceId: 'ha-old', targetId: 'ha' });
    // Both refusals reach the survivor; the one both had stays once (the duplicate is closed, not lost).
    expect(await activeSuppressions('ha')).toEqual(['all refused_contact', 'email hard_bounce']);
    const why = await s.caller.customers.get({ id: 'ha-old' });
    expect(why.id).toBe('ha');
    await s.caller.identity.unmerge({ mergeId: mergeId! });
    expect(await activeSuppressions('ha-old')).toEqual(['all refused_contact', 'email hard_bounce']);
    expect(await activeSuppressions('ha')).toEqual(['email hard_bounce']);
  }, 90_000);
});

describe('what else follows the person', () => {
  it('tags are combined, conversions and sales tasks move to the survivor, and all go back with the un-merge', async () => {
    // A journey nobody enters by an event here (the once-only test below tracks "Cart Created").
    const journey = waitsForOrder('merge-follows');
    const neverEntered = { ...journey, nodes: journey.nodes.map((n) => (n.id === 'cart' ? { ...n, event: 'Merge Follows Never Sent' } : n)) };
    await s.publish(neverEntered);
    const version = await s.db.journeyVersion.findFirstOrThrow({ where: { journeyId: 'merge-follows' } });
    await s.post('/v1/identify', { userId: 'vy', traits: { email: 'vy@example.com', tags: ['vip', 'newsletter'] } });
    await s.post('/v1/identify', { userId: 'vy-shop', traits: { email: 'VY@example.com', tags: ['newsletter', 'beta'] } });
    // The shop profile converted in a journey and has a sales task open (rows as the worker writes them).
    const enrolment = await s.db.enrolment.create({
      data: { journeyId: 'merge-follows', versionId: version.id, version: version.version, customerId: 'vy-shop', entry: 1, workflowId: 'merge-follows:vy-shop:1', status: 'completed' },
    });
    const conversion = await s.db.conversion.create({
      data: { enrolmentId: enrolment.id, journeyId: 'merge-follows', versionId: version.id, version: version.version, customerId: 'vy-shop', source: 'goal', goalEvent: 'Order Completed', convertedAt: new Date(), secondsToConvert: 60 },
    });
    const task = await s.db.salesTask.create({
      data: { idempotencyKey: 'merge-follows:vy-shop:call:1', customerId: 'vy-shop', journeyId: 'merge-follows', nodeId: 'call', workflowId: 'merge-follows:vy-shop:1', title: 'Call Vy', dueAt: new Date() },
    });
    const tagsOf = async (id: string) => ((await s.db.customer.findUniqueOrThrow({ where: { id } })).attributes as { tags?: string[] }).tags;

    const { mergeId, moved } = await s.caller.identity.merge({ sourceId: 'vy-shop', targetId: 'vy' });
    expect(moved).toMatchObject({ conversions: 1, salesTasks: 1, enrolments: 1 });
    // The survivor's tags first, then the ones only the other profile had.
    expect(await tagsOf('vy')).toEqual(['vip', 'newsletter', 'beta']);
    expect(await s.db.conversion.findUniqueOrThrow({ where: { id: conversion.id } })).toMatchObject({ customerId: 'vy' });
    expect(await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ customerId: 'vy' });

    // A tag added while they were one stays with the survivor.
    await s.post('/v1/identify', { userId: 'vy', traits: { tags: ['vip', 'newsletter', 'beta', 'loyal'] } });
    const undone = await s.caller.identity.unmerge({ mergeId: mergeId! });
    expect(undone.restored).toMatchObject({ conversions: 1, salesTasks: 1, tagsGivenBack: 1 });
    expect(await tagsOf('vy')).toEqual(['vip', 'newsletter', 'loyal']);
    expect(await tagsOf('vy-shop')).toEqual(['newsletter', 'beta']);
    expect(await s.db.conversion.findUniqueOrThrow({ where: { id: conversion.id } })).toMatchObject({ customerId: 'vy-shop' });
    expect(await s.db.salesTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ customerId: 'vy-shop' });
  }, 90_000);
});

describe('two entries into a once-only journey', () => {
  it('the merge keeps the earlier entry and ends the later one with exit reason merged; the kept one goes on', async () => {
    await s.publish(waitsForOrder('once-cart'));
    await s.post('/v1/identify', { userId: 'linh', traits: { email: 'linh@example.com' } });
    await s.post('/v1/track', { userId: 'linh', event: 'Cart Created' });
    const running = (customerId: string) => s.db.enrolment.findMany({ where: { journeyId: 'once-cart', customerId }, orderBy: { enteredAt: 'asc' } });
    const [earlier] = await eventually(() => running('linh'), (e) => e.length === 1 && e[0]!.status === 'waiting');
    await s.post('/v1/identify', { userId: 'linh-2', traits: { email: 'linh@example.com' } });
    await s.post('/v1/track', { userId: 'linh-2', event: 'Cart Created' });
    const [later] = await eventually(() => running('linh-2'), (e) => e.length === 1 && e[0]!.status === 'waiting');

    // The profile with the earlier entry merges into the other: the earlier entry is still the one kept.
    const merged = await s.caller.identity.merge({ sourceId: 'linh', targetId: 'linh-2' });
    expect(merged.ended.map((e) => e.enrolmentId)).toEqual([later!.id]);
    expect(merged.moved).toMatchObject({ onceEntriesEnded: 1 });
    const ended = await eventually(() => s.db.enrolment.findUniqueOrThrow({ where: { id: later!.id } }), (e) => e.status === 'exited');
    expect(ended.exitReason).toBe('merged');
    expect(await s.db.customerMergeItem.findMany({ where: { mergeId: merged.mergeId!, kind: 'ended' } })).toEqual([expect.objectContaining({ itemId: later!.id })]);
    expect(await s.db.enrolment.findUniqueOrThrow({ where: { id: earlier!.id } })).toMatchObject({ customerId: 'linh-2', status: 'waiting' });

    // The kept entry still hears the person: the order reaches it, and the thank-you is sent once.
    await s.post('/v1/track', { userId: 'linh-2', event: 'Order Completed', properties: { orderId: 'o-1' } });
    const kept = await eventually(() => s.db.enrolment.findUniqueOrThrow({ where: { id: earlier!.id } }), (e) => e.status === 'completed');
    expect(kept.customerId).toBe('linh-2');
    const thanks = await eventually(() => s.db.message.findMany({ where: { journeyId: 'once-cart', nodeId: 'thanks' } }), (m) => m.length === 1 && m[0]!.status !== 'claimed');
    expect(thanks.map((m) => [m.enrolmentId, m.status])).toEqual([[earlier!.id, 'sent']]);
  }, 120_000);
});

describe('turning the setting on merges the duplicates already stored', () => {
  it('shows how many share an address first, then merges them in the background with its progress, anonymous visitors apart', async () => {
    await s.caller.identity.saveSettings({ mergeOnSameAddress: false });
    await s.post('/v1/identify', { userId: 'kim', traits: { email: 'kim@example.com', tags: ['vip'] } });
    await s.post('/v1/identify', { userId: 'kim-crm', traits: { email: 'KIM@example.com ', tags: ['crm'] } });
    await s.post('/v1/identify', { userId: 'kim-app', traits: { phone: '+82 10 5555 0101' } });
    await s.post('/v1/identify', { userId: 'kim-shop', traits: { phone: '+821055550101' } });
    await s.post('/v1/identify', { anonymousId: 'anon-kim', traits: { email: 'kim@example.com' } });
    // Placeholders are no address.
    await s.post('/v1/identify', { userId: 'nobody-3', traits: { email: 'n/a' } });
    await s.post('/v1/identify', { userId: 'nobody-4', traits: { email: 'n/a' } });
    await s.post('/v1/identify', { userId: 'nobody-5', traits: { email: 'none@none' } });
    await s.post('/v1/identify', { userId: 'nobody-6', traits: { email: 'none@none' } });
    const { profiles } = await s.caller.identity.sharedAddresses();
    expect(profiles).toBeGreaterThanOrEqual(4);

    const saved = await s.caller.identity.saveSettings({ mergeOnSameAddress: true });
    expect(saved.sweep).toMatchObject({ state: 'running', total: profiles, by: 'admin@cairn.test' });
    const done = await eventually(() => s.caller.identity.settings(), (x) => x.sweep?.state === 'done', 60_000);
    expect(done.sweep).toMatchObject({ checked: profiles });
    expect(done.sweep!.merged).toBeGreaterThanOrEqual(2);
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'kim-crm' } })).toMatchObject({ mergedInto: 'kim' });
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'kim-shop' } })).toMatchObject({ mergedInto: 'kim-app' });
    expect(await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'kim-crm', unmergedAt: null } })).toMatchObject({ reason: 'email', by: 'admin@cairn.test' });
    expect(((await s.db.customer.findUniqueOrThrow({ where: { id: 'kim' } })).attributes as { tags: string[] }).tags).toEqual(['vip', 'crm']);
    expect(await s.db.customer.findUniqueOrThrow({ where: { id: 'anon-kim' } })).toMatchObject({ mergedInto: null });
    expect(await s.db.customer.count({ where: { id: { in: ['nobody-3', 'nobody-4', 'nobody-5', 'nobody-6'] }, mergedInto: null } })).toBe(4);
    // Nothing known shares an address any more (the placeholders are not counted as one).
    expect((await s.caller.identity.sharedAddresses()).profiles).toBe(0);
    await s.caller.identity.saveSettings({ mergeOnSameAddress: false });
  }, 120_000);
});
