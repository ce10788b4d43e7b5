/**
 * Audience size while editing (issue 17), on the real stack (embedded PostgreSQL): a segment's
 * conditions or a broadcast's audience counted on the server without saving anything. Exact
 * counts on a known set of customers; the SQL translation gives the same answer as evaluating
 * every customer in JS, for random definitions (property); what SQL cannot reproduce falls back
 * to the JS pass and says so; bad conditions get a clear error.
 */
import fc from 'fast-check';
import { estimateSegment } from '@cairn/engine/runtime';
import type { SegmentGroup, SegmentRule } from '@cairn/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStack, type Stack } from './support/stack.js';

let s: Stack;
useStack((stack) => (s = stack));

// Values of several types on purpose: loose equality (case, numeric text, booleans) must hold in SQL too.
const PEOPLE: Array<[string, Record<string, unknown>, number]> = [
  ['as-1', { plan: 'pro', age: 31, tags: ['vip', 'beta'], email: 'a1@example.com', profile: { city: 'Hanoi' } }, 3],
  ['as-2', { plan: 'Pro', age: '31', tags: ['beta'] }, 1],
  ['as-3', { plan: 'PRO ', age: 17.5, tags: [] }, 0],
  ['as-4', { plan: 'free', age: '  40 ', tags: ['vip', 7] }, 2],
  ['as-5', { plan: null, age: true, tags: 'vip' }, 0],
  ['as-6', { plan: '', age: 'old', profile: { city: 'hanoi' } }, 5],
  ['as-7', { plan: 12, age: 0 }, 1],
  ['as-8', { plan: '12', age: '1e2', tags: ['7'] }, 0],
  ['as-9', { plan: 'enterprise', age: 65, tags: ['vip'] }, 4],
];

beforeAll(async () => {
  for (const [id, attributes, orders] of PEOPLE) {
    await s.db.customer.create({ data: { id, attributes: attributes as object, email: typeof attributes.email === 'string' ? attributes.email : null } });
    for (let i = 0; i < orders; i++) {
      await s.db.event.create({ data: { messageId: `${id}-order-${i}`, customerId: id, type: 'track', name: 'Order', properties: { total: i * 25, coupon: i % 2 ? 'WINTER' : null }, timestamp: new Date(Date.now() - i * 3 * 86_400_000) } });
    }
  }
  await s.db.suppression.create({ data: { customerId: 'as-4', channel: 'all', reason: 'manual', source: 'test' } });
  await s.db.suppression.create({ data: { customerId: 'as-9', channel: 'email', reason: 'manual', source: 'test' } });
}, 60_000);

const count = async (definition: SegmentGroup) => s.caller.segments.estimate({ definition });
const attr = (attribute: string, operator: string, value?: unknown) => ({ kind: 'attribute', attribute, operator, ...(value !== undefined ? { value } : {}) }) as SegmentRule;

describe('audience size while editing', () => {
  it('counts exactly on a known set, in SQL, with a sample of the matching customers', async () => {
    const all = await count({ op: 'and', rules: [] });
    expect(all).toMatchObject({ count: PEOPLE.length, total: PEOPLE.length, approximate: false, method: 'sql' });
    // "pro" in any case, but not "PRO " (the space) nor a number.
    const pro = await count({ op: 'and', rules: [attr('plan', 'eq', 'pro')] });
    expect(pro).toMatchObject({ count: 2, method: 'sql' });
    expect(pro.preview.map((c) => c.id)).toEqual(['as-1', 'as-2']);
    // 12 equals 12 and "12".
    expect((await count({ op: 'and', rules: [attr('plan', 'eq', 12)] })).count).toBe(2);
    // Numbers, numeric text (spaces trimmed, exponent) and true as 1: 31, "31", "  40 ", 65, "1e2".
    expect((await count({ op: 'and', rules: [attr('age', 'gte', 30)] })).count).toBe(5);
    expect((await count({ op: 'and', rules: [attr('plan', 'exists')] })).count).toBe(7);
    expect((await count({ op: 'and', rules: [attr('profile.city', 'eq', 'HANOI')] })).count).toBe(2);
    // In a list (as-1, as-4, as-9) or inside text (as-5's "vip").
    expect((await count({ op: 'and', rules: [attr('tags', 'contains', 'VIP')] })).count).toBe(4);
    expect((await count({ op: 'and', rules: [{ kind: 'tag', tag: '7', has: true }] })).count).toBe(2);
    // At least two orders of 25 or more in the last week, or suppressed everywhere.
    const rich = await count({
      op: 'or',
      rules: [
        { kind: 'event', event: 'Order', count: { operator: 'gte', value: 2 }, within: { amount: 7, unit: 'days' }, where: [{ kind: 'property', property: 'total', operator: 'gte', value: 25 }] },
        { kind: 'suppression', channel: 'sms', suppressed: true },
      ],
    });
    expect(rich).toMatchObject({ method: 'sql' });
    // as-4 (suppressed on all); as-1, as-6 and as-9 (orders of 25 and 50, 3 and 6 days ago).
    expect(rich.preview.map((c) => c.id)).toEqual(['as-1', 'as-4', 'as-6', 'as-9']);
    expect((await count({ op: 'and', rules: [{ kind: 'event', event: 'Order', count: { operator: 'eq', value: 0 }, where: [] }] })).count).toBe(3);
    // Nothing was stored while counting.
    expect(await s.db.segment.count()).toBe(0);
  }, 60_000);

  it('falls back to evaluating in JS, and says why, where SQL would not give the same answer', async () => {
    const dated = await count({ op: 'and', rules: [{ kind: 'date', attribute: 'signedUpAt', when: 'inLast', days: 30 }] });
    expect(dated).toMatchObject({ count: 0, method: 'scan', approximate: false, why: 'relative dates' });
    const consent = await count({ op: 'and', rules: [{ kind: 'consent', topic: 'marketing', channel: 'email', status: 'unknown' }] });
    expect(consent).toMatchObject({ count: PEOPLE.length, method: 'scan' });
    // Beyond the JS pass's bound, a sample extrapolated and marked approximate.
    const sampled = await estimateSegment(s.db, { op: 'and', rules: [{ kind: 'consent', topic: 'marketing', channel: 'email', status: 'unknown' }] }, Date.now(), { exactLimit: 4 });
    expect(sampled).toMatchObject({ approximate: true, method: 'sample', total: PEOPLE.length });
  }, 60_000);

  it('property: where a definition translates to SQL, its count and sample equal the JS evaluation of every customer', async () => {
    const value = fc.constantFrom<unknown>('pro', 'PRO ', '12', 12, 31, 30.5, '31', true, false, 0, 'vip', 'hanoi', '', null, ['pro', 12], ['free']);
    const rule = fc.oneof(
      fc.record({ kind: fc.constant('attribute'), attribute: fc.constantFrom('plan', 'age', 'tags', 'profile.city', 'missing'), operator: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'notContains', 'startsWith', 'in', 'notIn', 'exists', 'notExists'), value }),
      fc.record({ kind: fc.constant('tag'), tag: fc.constantFrom('vip', 'beta', '7'), has: fc.boolean() }),
      fc.record({ kind: fc.constant('suppression'), channel: fc.constantFrom('all', 'email', 'sms'), suppressed: fc.boolean() }),
      fc.record({
        kind: fc.constant('event'),
        event: fc.constant('Order'),
        count: fc.record({ operator: fc.constantFrom('gte', 'lte', 'eq'), value: fc.integer({ min: 0, max: 4 }) }),
        within: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 10 }), unit: fc.constant('days') }), { nil: undefined }),
        where: fc.array(fc.record({ kind: fc.constant('property'), property: fc.constantFrom('total', 'coupon'), operator: fc.constantFrom('gte', 'eq', 'exists', 'neq'), value: fc.constantFrom<unknown>(25, 'winter', 0) }), { maxLength: 1 }),
      }),
    );
    const group: fc.Arbitrary<SegmentGroup> = fc.letrec((tie) => ({
      group: fc.record({ op: fc.constantFrom('and', 'or'), rules: fc.array(fc.oneof({ depthSize: 'small' }, rule, tie('group')), { maxLength: 3 }) }),
    })).group as fc.Arbitrary<SegmentGroup>;
    let translated = 0;
    await fc.assert(
      fc.asyncProperty(group, async (definition) => {
        const now = Date.now();
        const sql = await estimateSegment(s.db, definition, now, { previewSize: 20 });
        const js = await estimateSegment(s.db, definition, now, { previewSize: 20, sql: false });
        expect(js.method).toBe('scan');
        if (sql.method === 'sql') translated++;
        expect({ count: sql.count, ids: sql.preview.map((c) => c.id) }).toEqual({ count: js.count, ids: js.preview.map((c) => c.id) });
      }),
      { numRuns: 150, seed: 17 },
    );
    // Most definitions take the SQL path (the property would prove little otherwise).
    expect(translated).toBeGreaterThan(100);
  }, 120_000);

  it("a broadcast's audience: everyone, a segment's members or attribute rules; a bad audience is a clear error", async () => {
    const size = (audience: Parameters<typeof s.caller.broadcasts.audienceSize>[0]['audience']) => s.caller.broadcasts.audienceSize({ audience });
    expect(await size({ kind: 'all' })).toMatchObject({ count: PEOPLE.length, method: 'sql' });
    const rules = await size({ kind: 'rules', group: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'in', value: ['pro', 'enterprise'] }] } });
    expect(rules).toMatchObject({ count: 3, method: 'sql' });
    expect(rules.preview.map((c) => c.id)).toEqual(['as-1', 'as-2', 'as-9']);
    const seg = await s.caller.segments.create({ name: 'Enterprise', definition: { op: 'and', rules: [attr('plan', 'eq', 'enterprise')] } });
    expect(await size({ kind: 'segment', segmentId: seg.id })).toMatchObject({ count: 1, preview: [{ id: 'as-9' }] });
    await expect(size({ kind: 'segment', segmentId: 'seg_none' })).rejects.toThrow(/no saved segment "seg_none"/);
    await expect(size({ kind: 'rules', group: { op: 'and', rules: [{ kind: 'property', property: 'total', operator: 'gt', value: 3 }] } })).rejects.toThrow(/"total" is an event property/);
    await expect(size({ kind: 'rules', group: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'like' as never, value: 'x' }] } })).rejects.toThrow();
    await s.caller.segments.delete({ id: seg.id });
  }, 60_000);
});
