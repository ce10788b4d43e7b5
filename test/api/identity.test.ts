/**
 * One customer per person, on the real stack (embedded PostgreSQL, Temporal dev server, worker),
 * through the real HTTP ingest: an anonymous visitor who signs up, an alias, and a journey that
 * was running for the anonymous profile when it was merged. A refusal on either side is never
 * loosened by the merge.
 */
import { describe, expect, it } from 'vitest';
import { eventually, useStack, type Stack } from './support/stack.js';
import { waitsForOrder, welcome } from './support/journeys.js';

let s: Stack;
useStack((stack) => (s = stack));

const names = async (customerId: string) =>
  (await s.db.event.findMany({ where: { customerId, name: { not: '$attribute_changed' } }, orderBy: { timestamp: 'asc' } })).map((e) => e.name);

describe('an anonymous visitor who signs up', () => {
  it('becomes one customer: events, suppressions and refusals move over, later anonymous calls follow', async () => {
    expect((await s.post('/v1/track', { anonymousId: 'anon-lan', event: 'Viewed Pricing' })).status).toBe(200);
    expect((await s.post('/v1/page', { anonymousId: 'anon-lan', name: 'Pricing' })).status).toBe(200);
    // The visitor refused promotions and SMS before signing up; the known customer had granted
    // promotions later on another device: the refusal must win after the merge.
    await s.caller.policy.recordConsent({ customerId: 'anon-lan', topic: 'promotions', channel: 'all', status: 'refused' });
    await s.caller.suppressions.add({ customerId: 'anon-lan', channel: 'sms', reason: 'unsubscribed' });
    expect((await s.post('/v1/identify', { userId: 'lan', traits: { email: 'lan@example.com', firstName: 'Lan' } })).status).toBe(200);
    await s.caller.policy.recordConsent({ customerId: 'lan', topic: 'promotions', channel: 'all', status: 'granted' });
    await s.caller.suppressions.add({ customerId: 'lan', channel: 'sms', reason: 'unsubscribed' });

    const signUp = await s.post('/v1/identify', { userId: 'lan', anonymousId: 'anon-lan', traits: { plan: 'pro' } });
    expect(signUp.status).toBe(200);

    expect(await names('lan')).toEqual(expect.arrayContaining(['Viewed Pricing', '$page', '$identify']));
    expect(await names('anon-lan')).toEqual([]);
    const lan = await s.db.customer.findUniqueOrThrow({ where: { id: 'lan' } });
    expect(lan.attributes).toMatchObject({ email: 'lan@example.com', firstName: 'Lan', plan: 'pro' });
    expect(lan.anonymousId).toBe('anon-lan');
    const pointer = await s.db.customer.findUniqueOrThrow({ where: { id: 'anon-lan' } });
    expect(pointer).toMatchObject({ mergedInto: 'lan', email: null, attributes: {} });
    // One active SMS suppression (both had one: the duplicate is closed, not lost).
    expect(await s.db.suppression.count({ where: { customerId: 'lan', channel: 'sms', removedAt: null } })).toBe(1);
    expect(await s.db.suppression.count({ where: { customerId: 'anon-lan' } })).toBe(0);
    const latest = await s.db.consent.findFirst({ where: { customerId: 'lan', topic: 'promotions' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    expect(latest).toMatchObject({ status: 'refused', source: 'merge' });
    const merge = await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'anon-lan' } });
    expect(merge).toMatchObject({ targetId: 'lan', reason: 'identify' });
    expect(merge.moved).toMatchObject({ events: 2, suppressions: 1, consents: 1, refusalsKept: 1 });

    // Later calls with only the anonymousId land on the same customer; the API follows the pointer.
    expect((await s.post('/v1/track', { anonymousId: 'anon-lan', event: 'Viewed Docs' })).status).toBe(200);
    expect(await names('lan')).toContain('Viewed Docs');
    expect((await s.caller.customers.get({ id: 'anon-lan' })).id).toBe('lan');
    expect((await s.caller.customers.search({ query: 'anon-lan' })).map((c) => c.id)).toEqual([]);
    // The same identify again merges nothing more.
    await s.post('/v1/identify', { userId: 'lan', anonymousId: 'anon-lan', traits: {} });
    expect(await s.db.customerMerge.count({ where: { sourceId: 'anon-lan' } })).toBe(1);
  }, 60_000);

  it('anonymous calls after a first identify that named both ids land on the user', async () => {
    expect((await s.post('/v1/identify', { userId: 'minh', anonymousId: 'anon-minh', traits: { email: 'minh@example.com' } })).status).toBe(200);
    expect((await s.post('/v1/batch', { batch: [{ type: 'track', anonymousId: 'anon-minh', event: 'Viewed Docs' }] })).status).toBe(200);
    expect(await names('minh')).toContain('Viewed Docs');
    expect(await s.db.customer.count({ where: { id: 'anon-minh' } })).toBe(0);
  }, 60_000);
});

describe('a journey running for the anonymous profile', () => {
  it('goes on as the merged customer, judged by its suppressions: the refused person is not messaged', async () => {
    await s.publish(waitsForOrder('merge-cart'));
    await s.publish(welcome('merge-welcome', { mode: 'reentry', reentryAfterDays: 0, maxConcurrent: 5 }));
    // The known customer unsubscribed from email long ago, and went through the welcome once.
    expect((await s.post('/v1/identify', { userId: 'hoa', traits: { email: 'hoa@example.com' } })).status).toBe(200);
    await s.caller.suppressions.add({ customerId: 'hoa', channel: 'email', reason: 'unsubscribed' });
    expect((await s.post('/v1/track', { userId: 'hoa', event: 'Signed Up' })).status).toBe(200);
    // On a new device, anonymous: a cart (the cart journey waits for an order) and a sign-up.
    await s.post('/v1/identify', { anonymousId: 'anon-hoa', traits: { email: 'hoa.other@example.com' } });
    await s.post('/v1/track', { anonymousId: 'anon-hoa', event: 'Cart Created' });
    await s.post('/v1/track', { anonymousId: 'anon-hoa', event: 'Signed Up' });
    await eventually(() => s.db.enrolment.count({ where: { customerId: 'anon-hoa', status: { in: ['active', 'waiting'] }, journeyId: 'merge-cart' } }), (n) => n === 1);
    await eventually(() => s.db.enrolment.count({ where: { customerId: { in: ['hoa', 'anon-hoa'] }, journeyId: 'merge-welcome' } }), (n) => n === 2);

    expect((await s.post('/v1/identify', { userId: 'hoa', anonymousId: 'anon-hoa', traits: {} })).status).toBe(200);
    const enrolments = await s.db.enrolment.findMany({ where: { journeyId: 'merge-welcome' }, orderBy: { entry: 'asc' } });
    // Both entries are the merged customer's now, numbered one after the other.
    expect(enrolments.map((e) => [e.customerId, e.entry])).toEqual([
      ['hoa', 1],
      ['hoa', 2],
    ]);
    // The known email wins; the anonymous profile's address filled nothing the customer had.
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'hoa' } })).email).toBe('hoa@example.com');

    // The order reaches the cart journey (its workflow still names "anon-hoa"); the thank-you
    // email is judged for "hoa", who unsubscribed: suppressed, never sent.
    expect((await s.post('/v1/track', { userId: 'hoa', event: 'Order Completed', properties: { orderId: 'o-1' } })).status).toBe(200);
    const thanks = await eventually(
      () => s.db.message.findMany({ where: { journeyId: 'merge-cart', nodeId: 'thanks' } }),
      (m) => m.length === 1 && m[0]?.status !== 'claimed',
    );
    expect(thanks[0]).toMatchObject({ customerId: 'hoa', status: 'suppressed' });
    expect(await s.db.message.count({ where: { nodeId: 'thanks', status: 'sent' } })).toBe(0);
  }, 90_000);
});

describe('alias', () => {
  it('merges the previous id into the user id; an alias of an unseen id makes later calls land on the user', async () => {
    await s.post('/v1/track', { userId: 'crm-42', event: 'Viewed Pricing' });
    const res = await s.post('/v1/batch', { batch: [{ type: 'alias', previousId: 'crm-42', userId: 'thu' }] });
    expect(res.status).toBe(200);
    expect((await s.post('/v1/alias', { previousId: 'legacy-7', userId: 'thu' })).status).toBe(200);
    expect(await names('thu')).toEqual(expect.arrayContaining(['Viewed Pricing', '$alias']));
    expect(await s.db.customerMerge.count({ where: { targetId: 'thu', reason: 'alias' } })).toBe(2);
    await s.post('/v1/track', { userId: 'legacy-7', event: 'Opened App' });
    await s.post('/v1/track', { userId: 'crm-42', event: 'Opened App' });
    expect((await names('thu')).filter((n) => n === 'Opened App')).toHaveLength(2);
  }, 60_000);

  it('never merges a profile twice into different people, nor one into itself', async () => {
    await s.post('/v1/track', { anonymousId: 'shared-device', event: 'Viewed Pricing' });
    await s.post('/v1/identify', { userId: 'an', anonymousId: 'shared-device', traits: {} });
    await s.post('/v1/identify', { userId: 'binh', anonymousId: 'shared-device', traits: {} });
    expect(await names('an')).toContain('Viewed Pricing');
    expect(await names('binh')).not.toContain('Viewed Pricing');
    expect(await s.db.customerMerge.count({ where: { sourceId: 'shared-device' } })).toBe(1);
    await s.post('/v1/batch', { batch: [{ type: 'alias', previousId: 'an', userId: 'an' }] });
    expect((await s.db.customer.findUniqueOrThrow({ where: { id: 'an' } })).mergedInto).toBeNull();
  }, 60_000);
});

describe('segments after a merge', () => {
  it('the survivor is judged on the combined profile: entries and exits recorded and routed, the merged profile a member of nothing', async () => {
    const viewed = (operator: 'gte' | 'eq', value: number) => ({ kind: 'event' as const, event: 'Seg Viewed', count: { operator, value }, where: [] });
    const bought = { kind: 'event' as const, event: 'Seg Ordered', count: { operator: 'gte' as const, value: 1 }, where: [] };
    const both = await s.caller.segments.create({ name: 'Browsed and bought', definition: { op: 'and', rules: [viewed('gte', 1), bought] } });
    const neverViewed = await s.caller.segments.create({ name: 'Never viewed', definition: { op: 'and', rules: [viewed('eq', 0), bought] } });
    const browsers = await s.caller.segments.create({ name: 'Browsers', definition: { op: 'and', rules: [viewed('gte', 1)] } });
    const everyone = await s.caller.segments.create({ name: 'Everyone merged', definition: { op: 'and', rules: [] } });
    // Entering "Browsed and bought" starts a journey: the merge must reach it.
    const journey = {
      id: 'merge-entry',
      name: 'Thanks for browsing and buying',
      nodes: [
        { id: 'enters', type: 'trigger.segment-entered', segmentId: both.id, segmentName: 'Browsed and bought' },
        { id: 'tag', type: 'action.tag', tag: 'merged-entry' },
        { id: 'done', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 'enters', target: 'tag' },
        { id: 'e2', source: 'tag', target: 'done' },
      ],
    };
    await s.publish(journey);

    expect((await s.post('/v1/track', { anonymousId: 'anon-seg', event: 'Seg Viewed' })).status).toBe(200);
    expect((await s.post('/v1/identify', { userId: 'user-seg', traits: { email: 'seg@example.com' } })).status).toBe(200);
    expect((await s.post('/v1/track', { userId: 'user-seg', event: 'Seg Ordered' })).status).toBe(200);
    const memberships = async (customerId: string) => (await s.db.segmentMember.findMany({ where: { customerId }, orderBy: { segmentId: 'asc' } })).map((m) => m.segmentId).sort();
    expect(await memberships('anon-seg')).toEqual([browsers.id, everyone.id].sort());
    expect(await memberships('user-seg')).toEqual([neverViewed.id, everyone.id].sort());
    const size = async (id: string) => (await s.db.segment.findUniqueOrThrow({ where: { id } })).size;
    const everyoneBefore = await size(everyone.id);

    expect((await s.post('/v1/identify', { userId: 'user-seg', anonymousId: 'anon-seg', traits: {} })).status).toBe(200);
    expect(await memberships('anon-seg')).toEqual([]);
    expect(await memberships('user-seg')).toEqual([both.id, browsers.id, everyone.id].sort());
    // Sizes follow: one person in "Everyone", the browser moved over, the buyer left "Never viewed".
    expect({ both: await size(both.id), never: await size(neverViewed.id), browsers: await size(browsers.id), everyone: await size(everyone.id) }).toEqual({ both: 1, never: 0, browsers: 1, everyone: everyoneBefore - 1 });
    const segmentEvents = async (recordedBy?: string) =>
      (await s.db.event.findMany({ where: { customerId: 'user-seg', type: 'segment', ...(recordedBy ? { messageId: { startsWith: recordedBy } } : {}) } }))
        .map((e) => `${e.name} ${(e.properties as { segmentName: string }).segmentName}`)
        .sort();
    // The merge records only real differences: no second entry into a segment either profile was already in.
    expect(await segmentEvents('merge:')).toEqual(['$segment_entered Browsed and bought', '$segment_exited Never viewed']);
    // The history of both profiles is one now (the anonymous one's entries moved with its events).
    expect(await segmentEvents()).toEqual(
      ['$segment_entered Browsed and bought', '$segment_entered Browsers', '$segment_entered Everyone merged', '$segment_entered Everyone merged', '$segment_entered Never viewed', '$segment_exited Never viewed'].sort(),
    );
    const merge = await s.db.customerMerge.findFirstOrThrow({ where: { sourceId: 'anon-seg' } });
    expect((merge.moved as { segmentChanges: number }).segmentChanges).toBe(2);

    const tags = async () => ((await s.db.customer.findUniqueOrThrow({ where: { id: 'user-seg' } })).attributes as { tags?: string[] }).tags ?? [];
    await eventually(tags, (t) => t.includes('merged-entry'));
    expect(await s.db.enrolment.count({ where: { journeyId: 'merge-entry' } })).toBe(1);

    // The stored membership is what a full recompute finds.
    for (const id of [both.id, neverViewed.id, browsers.id, everyone.id]) {
      const before = await memberships('user-seg');
      await s.caller.segments.update({ id, definition: (await s.caller.segments.get({ id })).definition });
      expect(await memberships('user-seg')).toEqual(before);
    }
    expect(await size(everyone.id)).toBe(await s.db.customer.count({ where: { mergedInto: null } }));
  }, 90_000);
});
