import { describe, expect, it } from 'vitest';
import { fold, getTemplate, listTemplates, searchTemplates } from './gallery.js';

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('the gallery', () => {
  it('lists every template as plain data (safe to send over the wire)', () => {
    const list = listTemplates();
    expect(list.length).toBeGreaterThanOrEqual(13);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    expect(list[0]).toMatchObject({ id: 'qr-lucky-spin', stage: 'awareness' });
  });

  it('gets one template with its parameters and default journey', () => {
    const t = getTemplate('abandoned-cart')!;
    expect(t.parameters.map((p) => p.key)).toContain('discountCode');
    expect(t.journey.nodes.find((n) => n.id === 'wait-order')).toMatchObject({ timeout: { amount: 1, unit: 'hours' } });
    expect(t.expects.events.map((e) => e.name)).toEqual(expect.arrayContaining(['Cart Updated', 'Checkout Started', 'Unsubscribed']));
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    expect(getTemplate('nope')).toBeUndefined();
  });

  it('searches titles, keywords and events in English', () => {
    expect(ids(searchTemplates('cart'))).toEqual(['abandoned-cart']);
    expect(ids(searchTemplates('QR Scanned'))).toEqual(['qr-lucky-spin']);
    expect(ids(searchTemplates('sales rep'))).toContain('high-value-handoff');
  });

  it('searches in Vietnamese, with or without diacritics', () => {
    expect(ids(searchTemplates('giỏ hàng'))).toEqual(['abandoned-cart']);
    expect(ids(searchTemplates('gio hang'))).toEqual(['abandoned-cart']);
    expect(ids(searchTemplates('vòng quay may mắn'))).toEqual(['qr-lucky-spin']);
    expect(ids(searchTemplates('SINH NHAT'))).toEqual(['birthday']);
    expect(fold('Đà Nẵng')).toBe('da nang');
  });

  it('filters by stage, and an empty query lists the stage', () => {
    expect(ids(searchTemplates('', 'loyalty'))).toEqual(['loyalty-rewards', 'birthday', 'vip-tier-upgrade']);
    expect(ids(searchTemplates('gift', 'loyalty'))).toEqual(['loyalty-rewards', 'birthday']);
    expect(searchTemplates('gift', 'awareness')).toEqual([]);
    expect(searchTemplates('no such words here')).toEqual([]);
  });
});
