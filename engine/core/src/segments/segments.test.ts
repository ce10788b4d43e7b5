/**
 * Segments, pure part: the schema's errors, evaluation of each rule kind, the reference graph
 * (missing, cycles, order) and a property: re-evaluating only `affectedSegments` after each
 * change gives the same membership as evaluating every segment from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSegment, type SegmentEvent, type SegmentFacts } from './evaluate.js';
import { affectedSegments, checkSegmentGraph, evaluationOrder, type SegmentRef } from './graph.js';
import { SegmentGroup } from './schema.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const facts = (over: Partial<SegmentFacts> = {}): SegmentFacts => ({ attributes: {}, history: [], seen: [], now: NOW, consents: [], suppressedChannels: [], memberOf: new Set(), ...over });

describe('segment schema', () => {
  it('names an unknown attribute type and a value of the wrong type', () => {
    const bad = SegmentGroup.safeParse({ op: 'and', rules: [{ kind: 'attribute', attribute: 'age', type: 'colour', operator: 'gt', value: 1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('unknown attribute type "colour": use one of string, number, boolean, date, list');
    const wrong = SegmentGroup.safeParse({ op: 'and', rules: [{ kind: 'attribute', attribute: 'renewsAt', type: 'date', operator: 'lt', value: 'soon' }] });
    expect(wrong.error!.issues[0]!.message).toBe('"soon" is not a date (attribute renewsAt)');
  });
});

describe('evaluateSegment', () => {
  it('reads relative dates, tags, consent, suppressions and other segments', () => {
    const day = 86_400_000;
    const g = (rule: unknown) => SegmentGroup.parse({ op: 'and', rules: [rule] });
    expect(evaluateSegment(g({ kind: 'date', attribute: 'signedUpAt', when: 'inLast', days: 30 }), facts({ attributes: { signedUpAt: new Date(NOW - 3 * day).toISOString() } }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'date', attribute: 'signedUpAt', when: 'inLast', days: 30 }), facts({ attributes: { signedUpAt: new Date(NOW - 40 * day).toISOString() } }))).toBe(false);
    expect(evaluateSegment(g({ kind: 'date', attribute: 'birthday', when: 'anniversaryInNext', days: 7 }), facts({ attributes: { birthday: '1990-12-03' } }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'date', attribute: 'birthday', when: 'anniversaryInNext', days: 7 }), facts({ attributes: { birthday: '1990-11-28' } }))).toBe(false);
    expect(evaluateSegment(g({ kind: 'tag', tag: 'vip' }), facts({ attributes: { tags: ['vip'] } }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'tag', tag: 'vip', has: false }), facts({ attributes: { tags: ['vip'] } }))).toBe(false);
    const consents = [{ topic: 'marketing', channel: 'email', status: 'granted' as const, at: 1 }, { topic: 'marketing', channel: 'all', status: 'refused' as const, at: 2 }];
    expect(evaluateSegment(g({ kind: 'consent', channel: 'email', status: 'refused' }), facts({ consents }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'consent', channel: 'sms', topic: 'news', status: 'unknown' }), facts({ consents }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'suppression', channel: 'email', suppressed: true }), facts({ suppressedChannels: ['all'] }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'suppression', channel: 'all', suppressed: true }), facts({ suppressedChannels: ['sms'] }))).toBe(false);
    expect(evaluateSegment(g({ kind: 'segment', segmentId: 's1' }), facts({ memberOf: new Set(['s1']) }))).toBe(true);
  });

  it('filters event history on the context it was sent with, and reads "seen with" over every call with a context', () => {
    const day = 86_400_000;
    const g = (rule: unknown) => SegmentGroup.parse({ op: 'and', rules: [rule] });
    const ios = { device: { type: 'ios', model: 'iPhone15,2' }, os: { name: 'iOS' }, channel: 'mobile', campaign: { source: 'newsletter' } };
    const history: SegmentEvent[] = [
      { name: 'Product Viewed', at: NOW - 3 * day, properties: {}, context: ios },
      { name: 'Product Viewed', at: NOW - 40 * day, properties: {}, context: { device: { type: 'android' } } },
      { name: 'Product Viewed', at: NOW - day, properties: {} },
    ];
    const onIos = { kind: 'event', event: 'Product Viewed', count: { operator: 'gte', value: 1 }, within: { amount: 30, unit: 'days' }, where: [], context: [{ kind: 'context', field: 'os.name', operator: 'eq', value: 'ios' }] };
    expect(evaluateSegment(g(onIos), facts({ history }))).toBe(true);
    expect(evaluateSegment(g({ ...onIos, context: [{ kind: 'context', field: 'device.type', operator: 'eq', value: 'android' }] }), facts({ history }))).toBe(false);
    // Without the window the Android view counts; an event sent without context has no device.
    expect(evaluateSegment(g({ ...onIos, within: undefined, context: [{ kind: 'context', field: 'device.type', operator: 'eq', value: 'android' }] }), facts({ history }))).toBe(true);
    expect(evaluateSegment(g({ ...onIos, count: { operator: 'eq', value: 1 }, within: undefined, context: [{ kind: 'context', field: 'device.type', operator: 'notExists' }] }), facts({ history }))).toBe(true);
    const seen = history.flatMap((e) => (e.context ? [{ at: e.at, context: e.context }] : []));
    expect(evaluateSegment(g({ kind: 'seen', context: [{ kind: 'context', field: 'channel', operator: 'eq', value: 'mobile' }] }), facts({ seen }))).toBe(true);
    expect(evaluateSegment(g({ kind: 'seen', context: [{ kind: 'context', field: 'campaign.source', operator: 'startsWith', value: 'news' }], within: { amount: 2, unit: 'days' } }), facts({ seen }))).toBe(false);
    expect(SegmentGroup.safeParse({ op: 'and', rules: [{ kind: 'seen', context: [] }] }).error!.issues[0]!.message).toBe('a "seen with" condition needs at least one context filter');
    expect(SegmentGroup.safeParse({ op: 'and', rules: [{ kind: 'seen', context: [{ kind: 'context', field: 'device.', operator: 'exists' }] }] }).success).toBe(false);
  });
});

describe('segment graph', () => {
  const ref = (id: string, refs: string[]): SegmentRef => ({ id, name: id.toUpperCase(), definition: { op: 'and', rules: refs.map((r) => ({ kind: 'segment' as const, segmentId: r, member: true })) } });
  it('names missing references and cycles, and orders references first', () => {
    expect(checkSegmentGraph([ref('a', ['b']), ref('b', ['c']), ref('c', ['a']), ref('d', ['x'])]).map((p) => p.message)).toEqual([
      '"D" refers to a segment that does not exist (x)',
      'circular segment reference: "A" → "B" → "C" → "A"',
    ]);
    expect(evaluationOrder([ref('a', ['b']), ref('b', ['c']), ref('c', [])]).map((s) => s.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('incremental membership (property)', () => {
  // Segments over two attributes, one event with a property filter, tags and each other.
  const segments = evaluationOrder<SegmentRef>([
    { id: 'pro', name: 'pro', definition: { op: 'and', rules: [{ kind: 'attribute', attribute: 'plan', operator: 'eq', value: 'pro' }] } },
    { id: 'never', name: 'never', definition: { op: 'and', rules: [{ kind: 'event', event: 'Order', count: { operator: 'eq', value: 0 }, where: [] }] } },
    { id: 'red2', name: 'red2', definition: { op: 'and', rules: [{ kind: 'event', event: 'Order', count: { operator: 'gte', value: 2 }, where: [{ kind: 'property', property: 'c', operator: 'eq', value: 'red' }] }] } },
    { id: 'mix', name: 'mix', definition: { op: 'or', rules: [{ op: 'and', rules: [{ kind: 'segment', segmentId: 'pro', member: true }, { kind: 'tag', tag: 'vip', has: true }] }, { kind: 'segment', segmentId: 'red2', member: true }] } },
    { id: 'not-mix', name: 'not-mix', definition: { op: 'and', rules: [{ kind: 'segment', segmentId: 'mix', member: false }, { kind: 'attribute', attribute: 'seats', operator: 'gte', value: 2 }] } },
    { id: 'ios-order', name: 'ios-order', definition: { op: 'and', rules: [{ kind: 'event', event: 'Order', count: { operator: 'gte', value: 1 }, where: [], context: [{ kind: 'context', field: 'os.name', operator: 'eq', value: 'iOS' }] }] } },
    { id: 'mobile', name: 'mobile', definition: { op: 'or', rules: [{ kind: 'seen', context: [{ kind: 'context', field: 'channel', operator: 'eq', value: 'mobile' }] }, { kind: 'segment', segmentId: 'ios-order', member: true }] } },
  ]);
  type Change = { who: number; traits?: Record<string, unknown>; event?: SegmentEvent; context?: Record<string, unknown> };
  const context = fc.option(fc.record({ os: fc.record({ name: fc.constantFrom('iOS', 'Android') }), channel: fc.constantFrom('mobile', 'browser', 'server') }, { requiredKeys: [] }), { nil: undefined });
  const change = fc.oneof(
    fc.record({ who: fc.nat(2), traits: fc.record({ plan: fc.constantFrom('pro', 'free'), seats: fc.nat(3), tags: fc.subarray(['vip', 'x']) }, { requiredKeys: [] }), context }),
    fc.record({ who: fc.nat(2), event: fc.record({ name: fc.constantFrom('Order', 'Visit'), at: fc.constant(NOW - 1), properties: fc.record({ c: fc.constantFrom('red', 'blue') }) }), context }),
  );

  it('re-evaluating only the affected segments equals evaluating all of them', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), (changes: Change[]) => {
        const people = new Map<number, { attributes: Record<string, unknown>; history: SegmentEvent[]; seen: Array<{ at: number; context: Record<string, unknown> }>; memberOf: Set<string> }>();
        for (const c of changes) {
          const isNew = !people.has(c.who);
          const p = people.get(c.who) ?? { attributes: {}, history: [], seen: [], memberOf: new Set<string>() };
          people.set(c.who, p);
          const changed = c.traits ? Object.keys(c.traits).filter((k) => JSON.stringify(p.attributes[k]) !== JSON.stringify(c.traits![k])) : [];
          Object.assign(p.attributes, c.traits ?? {});
          if (c.event) p.history.push({ ...c.event, ...(c.context ? { context: c.context } : {}) });
          // Identify calls carry a context too: "seen with" reads every call's.
          if (c.context) p.seen.push({ at: NOW - 1, context: c.context });
          const f = facts({ attributes: p.attributes, history: p.history, seen: p.seen, memberOf: p.memberOf });
          for (const s of affectedSegments(segments, { events: [c.event?.name ?? '$identify'], attributes: changed, newCustomer: isNew })) {
            if (evaluateSegment(s.definition, f)) p.memberOf.add(s.id);
            else p.memberOf.delete(s.id);
          }
        }
        for (const p of people.values()) {
          const full = new Set<string>();
          const f = facts({ attributes: p.attributes, history: p.history, seen: p.seen, memberOf: full });
          for (const s of segments) if (evaluateSegment(s.definition, f)) full.add(s.id);
          expect([...p.memberOf].sort()).toEqual([...full].sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});
