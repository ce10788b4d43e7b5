import { describe, expect, it } from 'vitest';
import { parseBatch, parseIdentify, parseTrack } from './segment.js';

describe('Segment payloads', () => {
  it('normalises a track call as analytics-node sends it', () => {
    const r = parseTrack({
      userId: 'u1',
      event: 'Order Completed',
      properties: { total: 120 },
      messageId: 'node-abc',
      timestamp: '2026-03-01T10:00:00.000Z',
      context: { library: { name: 'analytics-node' } },
      integrations: {},
      _metadata: { nodeVersion: '20' },
    });
    expect(r).toEqual({
      ok: true,
      call: {
        type: 'track',
        customerId: 'u1',
        userId: 'u1',
        messageId: 'node-abc',
        timestamp: Date.parse('2026-03-01T10:00:00.000Z'),
        name: 'Order Completed',
        properties: { total: 120 },
        context: { library: { name: 'analytics-node' } },
      },
    });
  });

  it('keys an anonymous visitor by anonymousId, numbers as strings', () => {
    const r = parseIdentify({ anonymousId: 123, traits: { plan: 'free' } });
    expect(r.ok && r.call).toMatchObject({ customerId: '123', name: '$identify', traits: { plan: 'free' } });
  });

  it('says what is wrong', () => {
    const r = parseTrack({ userId: '', event: '' });
    expect(r.ok).toBe(false);
    const text = !r.ok ? r.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : '';
    expect(text).toMatch(/userId: must not be empty/);
    expect(text).toMatch(/event: event is required/);
  });

  it('reads a batch, with the batch context as a default, and names bad items by index', () => {
    const ok = parseBatch({ batch: [{ type: 'screen', userId: 'u', name: 'Home' }], context: { app: 'ios' } });
    expect(ok.ok && ok.calls[0]).toMatchObject({ name: '$screen', properties: { name: 'Home' }, context: { app: 'ios' } });
    const bad = parseBatch({ batch: [{ type: 'track', userId: 'u', event: 'A' }, { type: 'smile', userId: 'u' }] });
    expect(!bad.ok && bad.problems[0]?.path).toBe('batch.1.type');
    expect(parseBatch({ batch: [] }).ok).toBe(false);
  });

  it('refuses event names starting with "$" (Cairn\'s own), naming the event and the rule', () => {
    for (const event of ['$enrol', '$attribute_changed', '$schedule', '$identify', '$page', '$']) {
      const r = parseTrack({ userId: 'u', event });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problems).toEqual([{ path: 'event', message: expect.stringContaining(`"${event}" is reserved: event names starting with "$"`) }]);
    }
    // Only the prefix is reserved: a "$" elsewhere in a name is the sender's business.
    expect(parseTrack({ userId: 'u', event: 'Paid $5' }).ok).toBe(true);
  });

  it('refuses a batch holding a reserved name whole, naming each such call', () => {
    const r = parseBatch({
      batch: [
        { type: 'track', userId: 'u', event: 'Signed Up' },
        { type: 'track', userId: 'u', event: '$enrol' },
        { type: 'page', userId: 'u', name: 'Home' },
        { type: 'track', userId: 'u', event: '$schedule', properties: { nodeId: 'weekly' } },
      ],
    });
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['batch.1.event', 'batch.3.event']);
    expect(!r.ok && r.problems[0]?.message).toMatch(/"\$enrol" is reserved/);
  });
});
