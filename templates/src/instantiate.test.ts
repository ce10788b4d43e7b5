import { describe, expect, it } from 'vitest';
import type { Journey } from '@cairn/core';
import { simulate } from '@cairn/core';
import { formatProblems, instantiateTemplate } from './instantiate.js';
import { library } from './library/index.js';
import { defaultParams } from './params.js';
import { START, exitOf, pathOf, toEvents } from './testing/scenario.js';

function journeyOf(id: string, params: unknown): Journey {
  const res = instantiateTemplate(id, params);
  if (!res.ok) throw new Error(formatProblems(res.problems));
  return res.journey;
}

function errorsOf(id: string, params: unknown, opts?: { journeyId?: string }): string {
  const res = instantiateTemplate(id, params, opts);
  if (res.ok) throw new Error('expected problems');
  return formatProblems(res.problems);
}

const node = (j: Journey, id: string) => j.nodes.find((n) => n.id === id)!;

describe('instantiateTemplate: parameter errors name the parameter', () => {
  it.each([
    ['abandoned-cart', { discountCode: 'no spaces!' }, 'discountCode: must be 3-20 letters or digits'],
    ['abandoned-cart', { discountCode: 'AB' }, 'discountCode: must be 3-20 letters or digits'],
    ['abandoned-cart', { firstReminderAfter: { amount: 5, unit: 'minutes' } }, 'firstReminderAfter: must be at least 15 minutes'],
    ['abandoned-cart', { firstReminderAfter: '3 days' }, 'firstReminderAfter: must be at most 2 days'],
    ['abandoned-cart', { firstReminderAfter: 'soon' }, 'firstReminderAfter: must be a duration like { amount: 3, unit: "days" } or "3 days"'],
    ['abandoned-cart', { discountFrom: 'fifty' }, 'discountFrom: must be a number'],
    ['loyalty-rewards', { loyalOrders: 1 }, 'loyalOrders: must be at least 2'],
    ['loyalty-rewards', { loyalOrders: 2.5 }, 'loyalOrders: must be a whole number'],
    ['qr-lucky-spin', { prizeChannel: 'push' }, 'prizeChannel: must be one of chat, email, sms'],
    ['qr-lucky-spin', { contentUrl: 'http://plain.example' }, 'contentUrl: must be an https:// link'],
    ['birthday', { sendAt: '25:00' }, 'sendAt: must be a time like 09:00'],
    ['birthday', { surprise: true }, 'unknown parameter "surprise"'],
    ['win-back', 'not an object', 'must be an object of parameter values'],
  ])('%s %j → %s', (id, params, message) => {
    expect(errorsOf(id, params)).toBe(message);
  });

  it('reports every bad parameter at once', () => {
    expect(errorsOf('abandoned-cart', { discountCode: '', discountFrom: -1 }).split('\n')).toEqual([
      'discountFrom: must be at least 0',
      'discountCode: must be 3-20 letters or digits',
    ]);
  });

  it('rejects an unknown template and a bad journey id', () => {
    expect(errorsOf('no-such-template', {})).toBe('there is no template "no-such-template"');
    expect(errorsOf('birthday', {}, { journeyId: 'has space' })).toBe('journeyId: may contain only letters, digits, "-" and "_"');
  });
});

describe('instantiateTemplate: parameters flow into the journey', () => {
  it('fills defaults, and passing the defaults explicitly changes nothing', () => {
    for (const t of library) {
      const res = instantiateTemplate(t.id, undefined);
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      expect(res.params).toEqual(defaultParams(t.parameters));
      expect(journeyOf(t.id, defaultParams(t.parameters))).toEqual(res.journey);
    }
  });

  it('uses the journey id and name given', () => {
    const j = journeyOf('birthday', {});
    expect([j.id, j.name]).toEqual(['birthday', 'Birthday gift']);
    const res = instantiateTemplate('birthday', {}, { journeyId: 'bday-2026', name: 'Birthdays 2026' });
    expect(res.ok && [res.journey.id, res.journey.name]).toEqual(['bday-2026', 'Birthdays 2026']);
  });

  it('a delay parameter changes the wait, and when the reminder goes out', () => {
    const j = journeyOf('abandoned-cart', { firstReminderAfter: '3 hours' });
    expect(node(j, 'wait-order')).toMatchObject({ type: 'wait.event', timeout: { amount: 3, unit: 'hours' } });
    const r = simulate(j, { id: 'c1' }, toEvents([{ name: 'Cart Updated', at: '0m', properties: { cartTotal: 80 } }]), { start: START });
    const reminder = r.steps.find((s) => s.nodeId === 'remind-1' && s.kind === 'left')!;
    expect(reminder.at - START).toBe(3 * 3_600_000);
  });

  it('a discount code parameter reaches the message the customer gets', () => {
    const j = journeyOf('abandoned-cart', { discountCode: 'SPRING25' });
    const r = simulate(j, { id: 'c1' }, toEvents([{ name: 'Cart Updated', at: '0m', properties: { cartTotal: 80 } }]), { start: START });
    const sent = r.steps.find((s) => s.nodeId === 'remind-discount' && s.status === 'sent')!;
    expect((sent.detail as { body: string }).body).toContain('code SPRING25 for 10% off');
  });

  it('a threshold parameter moves customers between branches', () => {
    const customer = { id: 'c1', attributes: { lifetimeValue: 8000 } };
    const events = toEvents([{ name: 'Order Completed', at: '0m', properties: { total: 120 } }]);
    const dflt = simulate(journeyOf('high-value-handoff', {}), customer, events, { start: START });
    const raised = simulate(journeyOf('high-value-handoff', { lifetimeValueThreshold: 10_000 }), customer, events, { start: START });
    expect(pathOf(journeyOf('high-value-handoff', {}), dflt.steps)[1]).toBe('value:high');
    expect(pathOf(journeyOf('high-value-handoff', {}), raised.steps)[1]).toBe('value:else');
  });

  it('a channel parameter changes the kind of message', () => {
    expect(node(journeyOf('qr-lucky-spin', {}), 'win-ebook').type).toBe('action.chat');
    expect(node(journeyOf('qr-lucky-spin', { prizeChannel: 'email' }), 'win-ebook').type).toBe('action.email');
    expect(node(journeyOf('landing-signup-onboarding', { nudgeChannel: 'sms' }), 'nudge').type).toBe('action.sms');
  });

  it('a percentage parameter reshapes the lucky spin', () => {
    const j = journeyOf('qr-lucky-spin', { voucherChance: 60 });
    const spin = node(j, 'spin');
    expect(spin.type === 'condition.random' && spin.variants.map((v) => v.percent)).toEqual([60, 20, 20]);
  });

  it('the engagement threshold changes who is offered a sample', () => {
    const viewed = (at: string) => ({ name: 'Product Viewed', at, properties: { productName: 'Linen shirt' } });
    const events = toEvents([viewed('0m'), viewed('1h'), viewed('2h')]);
    const at = (params: object) => {
      const j = journeyOf('consideration-nurture', params);
      return pathOf(j, simulate(j, { id: 'c1' }, events, { start: START }).steps).find((p) => p.startsWith('engaged:'));
    };
    // Three views in all (the triggering one counts): engaged at the default of 3, not at 4.
    expect(at({})).toBe('engaged:engaged');
    expect(at({ engagedViews: 4 })).toBe('engaged:else');
  });

  it('the birthday lead time picks who is enrolled', () => {
    const j = journeyOf('birthday', { daysBefore: 3 });
    const run = (daysToBirthday: number) => exitOf(simulate(j, { id: 'c1', attributes: { daysToBirthday } }, [], { start: START }));
    expect(run(3)).toBe('completed:done-sms');
    expect(run(0)).toBe('not-entered');
  });

  it('the lapse window of the win-back segment follows its parameter', () => {
    const events = toEvents([{ name: 'Order Completed', at: '-45d' }, { name: 'Site Visited', at: '1h' }]);
    const enrolled = (lapsedDays: number) => simulate(journeyOf('win-back', { lapsedDays }), { id: 'c1' }, events, { start: START }).status;
    expect(enrolled(90)).toBe('not-entered');
    expect(enrolled(30)).toBe('exited');
  });
});
